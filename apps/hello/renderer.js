// Fills the table from the query string main.js put on the page's URL.
const params = new URLSearchParams(location.search);
for (const key of ['anode', 'electron', 'webkit', 'jsc', 'uv', 'node']) {
  document.getElementById(key).textContent = params.get(key) || 'n/a';
}
