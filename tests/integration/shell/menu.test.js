// Menu and MenuItem: templates and their errors, the application menu as a
// GTK menu bar on each window, accelerators pressed on the keyboard (XTEST
// through xdotool), activation through GTK's actions, live updates of
// enabled/checked/visible/label, roles, popups and the page's context menu.
process.env.ANODE_TEST_HOOKS = '1';
const { test, after } = require('node:test');
const assert = require('node:assert');
const electron = require('electron');
const { app, BrowserWindow, Menu, MenuItem } = electron;
const { once, until } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

const T = () => Menu.__testing;
const labels = (items) => items.filter((i) => i.type !== 'separator').map((i) => i.label);

// Real key presses and clicks (XTEST), delivered by the X server.
function key(combo) {
  assert.strictEqual(electron.__testing.key(combo), true, `XTEST key ${combo}`);
}

function shot(name) {
  if (process.env.ANODE_DESK_SHOTS) electron.__testing.screenshot(`${process.env.ANODE_DESK_SHOTS}/${name}.png`);
}

test('invalid templates throw errors naming the item', () => {
  assert.throws(() => Menu.buildFromTemplate([{ label: 'Bogus', role: 'frobnicate' }]),
    { code: 'ERR_INVALID_MENU_ITEM', message: /'Bogus'.*unknown role 'frobnicate'/ });
  assert.throws(() => Menu.buildFromTemplate([{ label: 'Save', accelerator: 'Ctrl+Shift+Whatever' }]),
    { message: /'Save'.*unknown key 'Whatever'/ });
  assert.throws(() => Menu.buildFromTemplate([{ label: 'Save', accelerator: 'Hyper+S' }]),
    { message: /'Save'.*unknown modifier 'Hyper'/ });
  assert.throws(() => Menu.buildFromTemplate([{ label: 'File', submenu: 'nope' }]),
    { message: /'File'.*submenu must be a Menu/ });
  assert.throws(() => Menu.buildFromTemplate([{ label: 'File', type: 'checkbox', submenu: [] }]),
    { message: /'File'.*cannot have a submenu/ });
  assert.throws(() => Menu.buildFromTemplate([{ label: 'X', type: 'bogus' }]), { message: /'X'.*unknown type 'bogus'/ });
  assert.throws(() => Menu.buildFromTemplate([{}, { click: 3 }]), { message: /#1: click must be a function/ });
  assert.throws(() => Menu.buildFromTemplate('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Menu.setApplicationMenu({}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('roles fill in labels, accelerators and submenus; getMenuItemById', () => {
  const menu = Menu.buildFromTemplate([{ role: 'editMenu' }, { label: 'More', submenu: [{ id: 'deep', label: 'Deep' }] }]);
  assert.strictEqual(menu.items[0].label, '&Edit');
  const edit = menu.items[0].submenu.items;
  assert.deepStrictEqual(edit.filter((i) => i.type !== 'separator').map((i) => i.role),
    ['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  assert.strictEqual(edit.find((i) => i.role === 'copy').accelerator, 'CmdOrCtrl+C');
  assert.strictEqual(menu.getMenuItemById('deep').label, 'Deep');
  assert.strictEqual(menu.getMenuItemById('none'), null);
  const about = new MenuItem({ role: 'about' });
  assert.strictEqual(about.label, `About ${app.getName()}`);
});

let clicks = [];
let win;
let appMenu;

test('the application menu is a menu bar on every window; accelerators and GTK actions click items', async () => {
  await app.whenReady();
  appMenu = Menu.buildFromTemplate([
    {
      label: '&File',
      submenu: [
        { id: 'save', label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: (item, w, e) => clicks.push(['save', item.id, w, e.triggeredByAccelerator]) },
        { type: 'separator' },
        { id: 'wrap', label: 'Word Wrap', type: 'checkbox', checked: true, click: (item) => clicks.push(['wrap', item.checked]) },
        { id: 'small', label: 'Small', type: 'radio' },
        { id: 'large', label: 'Large', type: 'radio', click: (item) => clicks.push(['large', item.checked]) },
        { type: 'separator' },
        { role: 'quit', visible: false },
      ],
    },
    { role: 'editMenu' },
    { label: 'Help', submenu: [{ id: 'docs', label: 'Docs', accelerator: 'F1', click: () => clicks.push(['docs']) }] },
  ]);
  Menu.setApplicationMenu(appMenu);
  assert.strictEqual(Menu.getApplicationMenu(), appMenu);
  win = new BrowserWindow({ width: 500, height: 360, x: 60, y: 60, title: 'menu test' });
  await once(win, 'show');
  await win.loadURL('data:text/html,<body style="margin:0"><textarea id=t style="width:300px;height:100px">hello menu</textarea></body>');
  const bar = T().describe(win);
  assert.deepStrictEqual(labels(bar), ['_File', '_Edit', 'Help']);
  const file = bar[0].submenu;
  assert.deepStrictEqual(file.map((i) => i.type === 'separator' ? '-' : i.label),
    ['Save As…', '-', 'Word Wrap', 'Small', 'Large']);
  assert.strictEqual(file[0].accel, '<Control><Shift>s');
  assert.strictEqual(file[2].checked, true);
  assert.strictEqual(file[3].checked, true); // first radio of a group starts checked
  assert.strictEqual(file[4].checked, false);
  await until(() => T().barHeight(win) > 0, 'the menu bar laid out');
  // The page is below the bar: it gets the window's height less the bar.
  await until(async () => await win.webContents.executeJavaScript('innerHeight') === 360 - T().barHeight(win), 'the page under the bar');

  await until(() => win.isFocused(), 'focus');
  // A click on "File" in the bar opens its menu.
  const [ox, oy] = electron.__testing.contentOrigin(win);
  electron.__testing.click(ox + 20, oy + T().barHeight(win) / 2, 1);
  await until(() => T().openPopovers(win) > 0, 'the File menu open');
  await new Promise((r) => setTimeout(r, 1000)); // painted, for the screenshot only
  shot('menubar');
  key('Escape');
  await until(() => T().openPopovers(win) === 0, 'the File menu closed');

  // A real key press (XTEST), delivered by the X server to the focused window.
  key('ctrl+shift+s');
  await until(() => clicks.length === 1, 'the accelerator');
  assert.deepStrictEqual(clicks[0], ['save', 'save', win, true]);
  key('F1');
  await until(() => clicks.length === 2, 'F1');
  assert.deepStrictEqual(clicks[1], ['docs']);

  // GTK's action machinery, as a click on the item does.
  assert.strictEqual(T().activate(win, appMenu.getMenuItemById('save')), true);
  await until(() => clicks.length === 3, 'the action');
  assert.deepStrictEqual(clicks[2], ['save', 'save', win, false]);
  T().activate(win, appMenu.getMenuItemById('wrap'));
  await until(() => clicks.length === 4, 'the checkbox');
  assert.deepStrictEqual(clicks[3], ['wrap', false]);
  T().activate(win, appMenu.getMenuItemById('large'));
  await until(() => clicks.length === 5, 'the radio');
  assert.deepStrictEqual(clicks[4], ['large', true]);
  assert.strictEqual(appMenu.getMenuItemById('small').checked, false);
  await until(() => T().describe(win)[0].submenu[3].checked === false, 'the radio state in GTK');
  const after = T().describe(win)[0].submenu;
  assert.deepStrictEqual([after[2].checked, after[3].checked, after[4].checked], [false, false, true]);
});

test('enabled, visible and label changes reach the menu bar at once', async () => {
  const save = appMenu.getMenuItemById('save');
  save.enabled = false;
  await until(() => T().describe(win)[0].submenu[0].enabled === false, 'disabled in GTK');
  assert.strictEqual(T().activate(win, save), false);
  const before = clicks.length;
  key('ctrl+shift+s');
  key('F1'); // a marker: once it arrives, the disabled key was seen first
  await until(() => clicks.length === before + 1, 'F1');
  assert.deepStrictEqual(clicks.at(-1), ['docs']);
  save.enabled = true;
  save.label = 'Save Copy';
  appMenu.getMenuItemById('wrap').visible = false;
  await until(() => T().describe(win)[0].submenu[0].label === 'Save Copy', 'the new label');
  const file = T().describe(win)[0].submenu;
  assert.strictEqual(file[0].enabled, true);
  assert.ok(!file.some((i) => i.label === 'Word Wrap'));
  appMenu.getMenuItemById('wrap').visible = true;
});

test('edit roles act on the page', async () => {
  await win.webContents.executeJavaScript('document.getElementById("t").focus(); true');
  const selectAll = appMenu.items[1].submenu.items.find((i) => i.role === 'selectAll');
  assert.strictEqual(T().activate(win, selectAll), true);
  await until(async () => await win.webContents.executeJavaScript(
    'document.activeElement.selectionEnd - document.activeElement.selectionStart') === 'hello menu'.length, 'the selection');
});

test('setMenu gives a window its own menu; null removes it; new windows get the application menu', async () => {
  const own = Menu.buildFromTemplate([{ label: 'Own', submenu: [{ label: 'Thing' }] }]);
  win.setMenu(own);
  assert.strictEqual(win.getMenu(), own);
  assert.deepStrictEqual(labels(T().describe(win)), ['Own']);
  win.setMenu(null);
  assert.strictEqual(T().describe(win), null);
  assert.strictEqual(win.getMenu(), null);
  const second = new BrowserWindow({ width: 300, height: 200, show: false });
  assert.deepStrictEqual(labels(T().describe(second)), ['_File', '_Edit', 'Help']);
  second.setMenuBarVisibility(false);
  assert.strictEqual(T().describe(second), null);
  second.destroy();
  Menu.setApplicationMenu(null);
  const third = new BrowserWindow({ width: 300, height: 200, show: false });
  assert.strictEqual(T().describe(third), null);
  third.destroy();
  win.setMenu(appMenu);
});

test('popup opens a context menu at a point; items click; callback on close', async () => {
  const picked = [];
  const ctx = Menu.buildFromTemplate([
    { id: 'one', label: 'One', click: (item, w) => picked.push(['one', w]) },
    { type: 'separator' },
    { label: 'More', submenu: [{ label: 'Two' }] },
    { role: 'copy' },
  ]);
  let closed = 0;
  const willShow = once(ctx, 'menu-will-show');
  ctx.popup({ window: win, x: 120, y: 140, callback: () => closed++ });
  await willShow;
  const shown = T().describe(null, true);
  assert.deepStrictEqual(labels(shown), ['One', 'More', 'Copy']);
  await until(() => T().openPopovers(win) === 1, 'the popup mapped');
  await new Promise((r) => setTimeout(r, 1000)); // painted, for the screenshot only
  shot('popup');
  assert.strictEqual(T().activate(win, ctx.getMenuItemById('one')), true);
  await until(() => picked.length === 1 && closed === 1, 'the click and the close');
  assert.strictEqual(picked[0][1], win);
  assert.strictEqual(T().describe(null, true), null);
  // closePopup closes without a click.
  ctx.popup({ window: win, x: 10, y: 10, callback: () => closed++ });
  ctx.closePopup();
  await until(() => closed === 2, 'closePopup');
});

test('a right click in the page emits context-menu with its params', async () => {
  await win.loadURL('data:text/html,<body style="margin:0"><a href="https://example.com/x" style="display:block;height:200px">a link</a></body>');
  const got = once(win.webContents, 'context-menu');
  // The page's point (20, 20), below the menu bar.
  const [x, y] = electron.__testing.contentOrigin(win);
  electron.__testing.click(x + 20, y + T().barHeight(win) + 20, 3);
  const [, params] = await got;
  assert.strictEqual(params.linkURL, 'https://example.com/x');
  assert.strictEqual(params.isEditable, false);
  assert.strictEqual(typeof params.x, 'number');
});

test("without a context-menu listener, the page gets WebKit's menu with the edit actions only", async () => {
  win.webContents.removeAllListeners('context-menu');
  await win.loadURL('data:text/html,<body style="margin:0"><textarea style="width:300px;height:200px">some text</textarea></body>');
  const [x, y] = electron.__testing.contentOrigin(win);
  // A frame painted first: a click before that can be lost.
  await win.webContents.executeJavaScript('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
  electron.__testing.click(x + 30, y + T().barHeight(win) + 30, 3);
  const open = () => T().describe(win, true) !== null;
  await until(open, "WebKit's menu", 10000).catch(() => {
    electron.__testing.click(x + 30, y + T().barHeight(win) + 30, 3);
  });
  await until(open, "WebKit's menu", 20000);
  const shown = labels(T().describe(win, true)).map((l) => l.replace(/_/g, ''));
  shot('page-context-menu');
  assert.ok(shown.includes('Paste') && shown.includes('Select All'), shown.join());
  assert.ok(!shown.some((l) => /Back|Forward|Reload|Stop/.test(l)), shown.join());
  key('Escape');
  await until(() => T().openPopovers(win) === 0, 'closed');
  win.destroy();
});
