// dialog: open/save file choosers and message boxes, answered through their
// real GTK widgets by the test hook (dialog.__testing.answer), async and
// *Sync forms, option checking.
process.env.ANODE_TEST_HOOKS = '1';
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const electron = require('electron');
const { app, BrowserWindow, dialog } = electron;
const { once, until } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

const T = () => dialog.__testing;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-dialog-'));
fs.writeFileSync(path.join(dir, 'a.md'), '# a');
fs.writeFileSync(path.join(dir, 'b.md'), '# b');
fs.writeFileSync(path.join(dir, 'c.txt'), 'c');
fs.mkdirSync(path.join(dir, 'sub'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let win;

test('bad options are TypeErrors naming the option', async () => {
  await app.whenReady();
  win = new BrowserWindow({ width: 600, height: 400, x: 40, y: 40, title: 'dialogs' });
  await once(win, 'show');
  await win.loadURL('data:text/html,<body><h1>dialogs</h1></body>');
  assert.throws(() => dialog.showMessageBox(win, {}), { code: 'ERR_INVALID_ARG_TYPE', message: /options\.message/ });
  assert.throws(() => dialog.showMessageBox({ message: 'x', type: 'loud' }), { message: /options\.type/ });
  assert.throws(() => dialog.showMessageBox({ message: 'x', buttons: [1] }), { message: /options\.buttons/ });
  assert.throws(() => dialog.showOpenDialog({ filters: [{ name: 'x' }] }), { message: /options\.filters\[0\]/ });
  assert.throws(() => dialog.showSaveDialog({ title: 3 }), { message: /options\.title/ });
  assert.throws(() => dialog.showErrorBox('t'), { message: /content/ });
});

test('showMessageBox: buttons, defaultId, checkbox, the answer clicked on a real button', async () => {
  T().answer({ button: 2, checkbox: true });
  const r = await dialog.showMessageBox(win, {
    type: 'question', title: 'Unsaved', message: 'Save changes?', detail: 'They are lost otherwise.',
    buttons: ['Save', 'Cancel', "Don't Save"], defaultId: 0, checkboxLabel: 'Always ask',
  });
  assert.deepStrictEqual(r, { response: 2, checkboxChecked: true });
  const shown = T().shown.at(-1);
  assert.deepStrictEqual(shown.buttons, ['Save', 'Cancel', "Don't Save"]);
  assert.strictEqual(shown.title, 'Unsaved');
  assert.strictEqual(shown.defaultId, 0);
  assert.strictEqual(shown.checkboxLabel, 'Always ask');
  assert.strictEqual(shown.modal, true);
});

test('closing a message box answers cancelId (a Cancel button when not given); Enter the default', async () => {
  T().answer({ close: true });
  const r = await dialog.showMessageBox({ message: 'Close me', buttons: ['OK', 'Cancel'] });
  assert.strictEqual(r.response, 1);
  T().answer({ close: true });
  const r2 = await dialog.showMessageBox({ message: 'Close me', buttons: ['A', 'B', 'C'], cancelId: 2 });
  assert.strictEqual(r2.response, 2);
  T().answer({});
  const r3 = await dialog.showMessageBox({ message: 'Enter', buttons: ['A', 'B'], defaultId: 1 });
  assert.strictEqual(r3.response, 1);
});

test('showMessageBoxSync and showErrorBox block until answered', () => {
  let ticked = false;
  setImmediate(() => { ticked = true; });
  T().answer({ button: 1 });
  assert.strictEqual(dialog.showMessageBoxSync(win, { message: 'sync?', buttons: ['No', 'Yes'] }), 1);
  // No JS ran while the box was open.
  assert.strictEqual(ticked, false);
  T().answer({ button: 0 });
  assert.strictEqual(dialog.showErrorBox('Oops', 'It broke'), undefined);
  assert.deepStrictEqual(T().shown.at(-1).buttons, ['OK']);
});

test('message box screenshot', async () => {
  if (!process.env.ANODE_DESK_SHOTS) return;
  const p = dialog.showMessageBox(win, {
    type: 'warning', title: 'Unsaved changes', message: 'Save changes to "notes.md"?',
    detail: 'Your changes will be lost if you close without saving.',
    buttons: ['Save', 'Cancel', "Close Without Saving"], defaultId: 0, checkboxLabel: 'Do not ask again',
  });
  await new Promise((r) => setTimeout(r, 1500));
  electron.__testing.screenshot(`${process.env.ANODE_DESK_SHOTS}/messagebox.png`);
  T().answer({ button: 1 });
  assert.strictEqual((await p).response, 1);
});

test('showOpenDialog: one file, with filters and a default folder', async () => {
  T().answer({ paths: [path.join(dir, 'a.md')] });
  const r = await dialog.showOpenDialog(win, {
    title: 'Open Note', defaultPath: dir, properties: ['openFile'],
    filters: [{ name: 'Markdown', extensions: ['md', 'markdown'] }, { name: 'All Files', extensions: ['*'] }],
  });
  assert.deepStrictEqual(r, { canceled: false, filePaths: [path.join(dir, 'a.md')] });
  const shown = T().shown.at(-1);
  assert.strictEqual(shown.title, 'Open Note');
  assert.strictEqual(shown.action, 'open');
  assert.strictEqual(shown.multiple, false);
  assert.strictEqual(shown.folder, dir);
  assert.deepStrictEqual(shown.filters, ['Markdown', 'All Files']);
});

test('showOpenDialog: multiSelections, directories, cancel', async () => {
  // GTK 4's API selects one file: the hook answers a multi-selection
  // chooser with one, and the result is still an array.
  T().answer({ paths: [path.join(dir, 'b.md')] });
  const r = await dialog.showOpenDialog({ defaultPath: dir, properties: ['openFile', 'multiSelections'] });
  assert.strictEqual(T().shown.at(-1).multiple, true);
  assert.deepStrictEqual(r.filePaths, [path.join(dir, 'b.md')]);
  T().answer({ paths: [path.join(dir, 'sub')] });
  const d = await dialog.showOpenDialog({ defaultPath: dir, properties: ['openDirectory'] });
  assert.strictEqual(T().shown.at(-1).action, 'folder');
  assert.deepStrictEqual(d.filePaths, [path.join(dir, 'sub')]);
  T().answer({ cancel: true });
  assert.deepStrictEqual(await dialog.showOpenDialog({ defaultPath: dir }), { canceled: true, filePaths: [] });
  T().answer({ paths: [path.join(dir, 'c.txt')] });
  assert.deepStrictEqual(dialog.showOpenDialogSync({ defaultPath: dir }), [path.join(dir, 'c.txt')]);
});

test('showSaveDialog: defaultPath names the file; the typed name comes back', async () => {
  T().answer({ name: 'new note.md' });
  const r = await dialog.showSaveDialog(win, { defaultPath: path.join(dir, 'untitled.md') });
  assert.strictEqual(T().shown.at(-1).name, 'untitled.md');
  assert.strictEqual(T().shown.at(-1).folder, dir);
  assert.deepStrictEqual(r, { canceled: false, filePath: path.join(dir, 'new note.md') });
  T().answer({ cancel: true });
  assert.strictEqual(dialog.showSaveDialogSync({ defaultPath: dir }), '');
  win.destroy();
});
