// The page's script: it sees only window.versions and window.electronAPI,
// which the preload exposed.
const information = document.getElementById('info')
information.innerText = `This app is using Chrome (v${versions.chrome()}), Node.js (v${versions.node()}), and Electron (v${versions.electron()})`

const func = async () => {
  const response = await window.versions.ping()
  console.log(response) // prints out 'pong'
}

func()

document.getElementById('set-title').addEventListener('click', () => {
  window.electronAPI.setTitle(document.getElementById('title').value)
})

window.electronAPI.onUpdateCounter((value) => {
  document.getElementById('counter').innerText = value.toString()
})
