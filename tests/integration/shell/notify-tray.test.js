// Notification and Tray on the session bus, against the stand-in
// notification server and StatusNotifierWatcher of desk-services.py: what
// the server received, actions and clicks coming back, the tray's
// properties and dbusmenu layout as a host reads them, and what happens
// when neither host is there.
process.env.ANODE_TEST_HOOKS = '1';
const { test, after } = require('node:test');
const assert = require('node:assert');
const electron = require('electron');
const { app, Menu, Notification, Tray, nativeImage } = electron;
const { once, until } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

const desk = (cmd) => electron.__testing.desk(cmd);

function redSquare(size) {
  const px = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) px.set([0, 0, 255, 255], i * 4);
  return nativeImage.createFromBitmap(px, { width: size, height: size });
}

test('Notification: the server gets title, body, actions, urgency and the icon; show fires', async () => {
  await app.whenReady();
  assert.strictEqual(Notification.isSupported(), true);
  const n = new Notification({
    title: 'Saved', body: 'notes.md was saved', urgency: 'critical', icon: redSquare(8),
    actions: [{ type: 'button', text: 'Open' }, { type: 'button', text: 'Dismiss' }],
  });
  const shown = once(n, 'show');
  n.show();
  await shown;
  const got = (await desk({ op: 'notifications' })).at(-1);
  assert.strictEqual(got.summary, 'Saved');
  assert.strictEqual(got.body, 'notes.md was saved');
  assert.strictEqual(got.app, 'Shell Tests');
  assert.deepStrictEqual(got.actions, ['default', '', '0', 'Open', '1', 'Dismiss']);
  assert.strictEqual(got.urgency, 2);
  assert.ok(got.hints.includes('image-data'));
  // The desktop invokes the second button, then the notification closes.
  const action = once(n, 'action');
  const closed = once(n, 'close');
  await desk({ op: 'action', id: got.id, key: '1' });
  const [, index] = await action;
  assert.strictEqual(index, 1);
  await closed;
});

test('Notification: a click on it, and close() from the app', async () => {
  const n = new Notification({ title: 'Click me' });
  n.show();
  await once(n, 'show');
  const got = (await desk({ op: 'notifications' })).at(-1);
  const clicked = once(n, 'click');
  await desk({ op: 'action', id: got.id, key: 'default', close: false });
  await clicked;
  const closed = once(n, 'close');
  n.close();
  await closed;
  const after = (await desk({ op: 'notifications' })).find((x) => x.id === got.id);
  assert.strictEqual(after.open, false);
  assert.throws(() => new Notification({ title: 3 }), { code: 'ERR_INVALID_ARG_TYPE' });
});

let tray;
let clicks = [];

test('Tray: registered with the watcher; icon, tooltip and title as a host reads them', async () => {
  tray = new Tray(redSquare(16));
  await once(tray, 'host-available');
  assert.strictEqual(tray.isHostAvailable(), true);
  tray.setToolTip('Notes: 3 notes');
  tray.setTitle('Notes');
  const items = await desk({ op: 'trayItems' });
  assert.strictEqual(items.length, 1);
  const item = items[0].item;
  const props = await desk({ op: 'trayProps', item });
  assert.strictEqual(props.Category, 'ApplicationStatus');
  assert.strictEqual(props.Status, 'Active');
  assert.strictEqual(props.Title, 'Notes');
  assert.deepStrictEqual(props.IconPixmap, [[16, 16, 16 * 16 * 4]]);
  assert.strictEqual(props.ToolTip[2], 'Notes: 3 notes');
  // A click on the icon.
  const clicked = once(tray, 'click');
  await desk({ op: 'trayActivate', item, x: 100, y: 5 });
  const [, bounds] = await clicked;
  assert.strictEqual(bounds.x, 100);
  const right = once(tray, 'right-click');
  await desk({ op: 'trayActivate', item, method: 'ContextMenu', x: 1, y: 2 });
  await right;
});

test('Tray: the context menu is a dbusmenu; its clicks reach the MenuItem; updates show', async () => {
  const menu = Menu.buildFromTemplate([
    { id: 'new', label: 'New Note', click: (item) => clicks.push(item.id) },
    { type: 'separator' },
    { id: 'dark', label: 'Dark Mode', type: 'checkbox', checked: false, click: (item) => clicks.push(`dark:${item.checked}`) },
    { label: 'More', submenu: [{ id: 'about', label: 'About', click: () => clicks.push('about') }] },
  ]);
  tray.setContextMenu(menu);
  const item = (await desk({ op: 'trayItems' }))[0].item;
  let { layout } = await desk({ op: 'trayMenu', item });
  const labels = layout.children.map((c) => c.props.label || c.props.type);
  assert.deepStrictEqual(labels, ['New Note', 'separator', 'Dark Mode', 'More']);
  assert.strictEqual(layout.children[2].props['toggle-type'], 'checkmark');
  assert.strictEqual(layout.children[2].props['toggle-state'], 0);
  assert.strictEqual(layout.children[3].children[0].props.label, 'About');
  await desk({ op: 'trayMenuClick', item, id: layout.children[0].id });
  await desk({ op: 'trayMenuClick', item, id: layout.children[2].id });
  await desk({ op: 'trayMenuClick', item, id: layout.children[3].children[0].id });
  await until(() => clicks.length === 3, 'the menu clicks');
  assert.deepStrictEqual(clicks, ['new', 'dark:true', 'about']);
  // The checkbox state and a disabled item show in the next layout.
  menu.getMenuItemById('new').enabled = false;
  await until(async () => {
    ({ layout } = await desk({ op: 'trayMenu', item }));
    return layout.children[0].props.enabled === false;
  }, 'the update');
  assert.strictEqual(layout.children[2].props['toggle-state'], 1);
});

test('without a notification server or tray host, both say so', async () => {
  await desk({ op: 'release', names: ['org.freedesktop.Notifications', 'org.kde.StatusNotifierWatcher'] });
  try {
    await until(() => Notification.isSupported() === false, 'no server');
    const n = new Notification({ title: 'nobody listens' });
    const failed = once(n, 'failed');
    n.show();
    const [, message] = await failed;
    assert.match(message, /Notifications/);
    await until(() => tray.isHostAvailable() === false, 'the host gone');
    const warned = once(process, 'warning');
    const lonely = new Tray(redSquare(4));
    const [warning] = await warned;
    assert.strictEqual(warning.code, 'ANODE_NO_TRAY_HOST');
    assert.strictEqual(lonely.isHostAvailable(), false);
    lonely.destroy();
    // A missing icon file: an empty image and a warning, no crash.
    const warnedIcon = once(process, 'warning');
    const noIcon = new Tray('/nonexistent/icon.png');
    assert.strictEqual((await warnedIcon)[0].code, 'ANODE_TRAY_ICON');
    noIcon.destroy();
  } finally {
    await desk({ op: 'acquire' });
  }
  // The host comes back: the tray registers again.
  await until(() => tray.isHostAvailable() === true, 'the host back');
  tray.destroy();
  assert.strictEqual(tray.isDestroyed(), true);
});
