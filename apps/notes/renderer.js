// The page: the note list, the editor and its live preview. Files, menus
// and dialogs belong to the main process; the page reports edits and asks
// for the list's context menu.
const list = document.getElementById('list')
const editor = document.getElementById('editor')
const preview = document.getElementById('preview')
const nameEl = document.getElementById('name')
const stateEl = document.getElementById('state')
let current = null

function showList (names) {
  list.textContent = ''
  for (const name of names) {
    const item = document.createElement('div')
    item.textContent = name.replace(/\.md$/, '')
    item.dataset.name = name
    if (name === current) item.className = 'current'
    item.addEventListener('click', async () => show(await window.notes.read(name)))
    item.addEventListener('contextmenu', (e) => { e.preventDefault(); window.notes.listMenu(name) })
    list.appendChild(item)
  }
}

function show (note) {
  current = note.name
  editor.value = note.text
  nameEl.textContent = note.name || 'Untitled'
  stateEl.textContent = ''
  preview.innerHTML = window.renderMarkdown(note.text)
  for (const el of list.children) el.className = el.dataset.name === current ? 'current' : ''
}

editor.addEventListener('input', () => {
  preview.innerHTML = window.renderMarkdown(editor.value)
  stateEl.textContent = '●'
  window.notes.changed(editor.value)
})

window.notes.onOpen(show)
window.notes.onList(showList)
window.notes.onPreview((on) => document.body.classList.toggle('no-preview', !on))
window.notes.onSaved((name) => { stateEl.textContent = ''; nameEl.textContent = name; current = name })

window.notes.list().then(showList)
