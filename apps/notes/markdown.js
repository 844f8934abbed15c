// A small Markdown renderer for the preview: headings, paragraphs, lists,
// block quotes, fenced code, inline code, bold, italic and links. Input is
// escaped first, so a note cannot inject markup.
(function () {
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

  function inline (s) {
    return escape(s)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\*([^*]+)\*/g, '<em>$1</em>')
      .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
  }

  function render (text) {
    const out = []
    const lines = text.split('\n')
    let para = []
    let list = null
    const flush = () => {
      if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`)
      para = []
      if (list) out.push(`</${list}>`)
      list = null
    }
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      let m
      if (line.startsWith('```')) {
        flush()
        const code = []
        while (++i < lines.length && !lines[i].startsWith('```')) code.push(lines[i])
        out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`)
      } else if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
        flush()
        out.push(`<h${m[1].length}>${inline(m[2])}</h${m[1].length}>`)
      } else if ((m = /^\s*([-*]|\d+\.)\s+(.*)$/.exec(line))) {
        const kind = /\d/.test(m[1]) ? 'ol' : 'ul'
        if (para.length) { out.push(`<p>${inline(para.join(' '))}</p>`); para = [] }
        if (list !== kind) { if (list) out.push(`</${list}>`); out.push(`<${kind}>`); list = kind }
        out.push(`<li>${inline(m[2])}</li>`)
      } else if ((m = /^>\s?(.*)$/.exec(line))) {
        flush()
        out.push(`<blockquote>${inline(m[1])}</blockquote>`)
      } else if (line.trim() === '') {
        flush()
      } else {
        if (list) { out.push(`</${list}>`); list = null }
        para.push(line)
      }
    }
    flush()
    return out.join('\n')
  }

  window.renderMarkdown = render
})()
