#!/usr/bin/python3
"""Test stand-ins for the desktop's D-Bus services, on the session bus of the
integration tests (run.sh starts it): a notification server
(org.freedesktop.Notifications), a StatusNotifierWatcher (the tray host
side), a file manager (org.freedesktop.FileManager1), a screensaver
(org.freedesktop.ScreenSaver: inhibitors, idle time) and org.anode.TestDesk,
a control interface the tests call with JSON: what was received, and acting
as the desktop would (invoking an action, clicking a tray icon or its menu,
releasing a name to look absent)."""
import json
import sys

from gi.repository import Gio, GLib

NOTIFY_XML = """<node><interface name="org.freedesktop.Notifications">
<method name="Notify"><arg type="s" direction="in"/><arg type="u" direction="in"/>
<arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="s" direction="in"/>
<arg type="as" direction="in"/><arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
<arg type="u" direction="out"/></method>
<method name="CloseNotification"><arg type="u" direction="in"/></method>
<method name="GetCapabilities"><arg type="as" direction="out"/></method>
<method name="GetServerInformation"><arg type="s" direction="out"/><arg type="s" direction="out"/>
<arg type="s" direction="out"/><arg type="s" direction="out"/></method>
<signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
<signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
</interface></node>"""

WATCHER_XML = """<node><interface name="org.kde.StatusNotifierWatcher">
<method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
<method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
<property name="RegisteredStatusNotifierItems" type="as" access="read"/>
<property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
<property name="ProtocolVersion" type="i" access="read"/>
<signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
<signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
<signal name="StatusNotifierHostRegistered"/>
</interface></node>"""

FM_XML = """<node><interface name="org.freedesktop.FileManager1">
<method name="ShowItems"><arg type="as" direction="in"/><arg type="s" direction="in"/></method>
<method name="ShowFolders"><arg type="as" direction="in"/><arg type="s" direction="in"/></method>
</interface></node>"""

SCREENSAVER_XML = """<node><interface name="org.freedesktop.ScreenSaver">
<method name="Inhibit"><arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="u" direction="out"/></method>
<method name="UnInhibit"><arg type="u" direction="in"/></method>
<method name="GetSessionIdleTime"><arg type="u" direction="out"/></method>
<signal name="ActiveChanged"><arg type="b"/></signal>
</interface></node>"""

CONTROL_XML = """<node><interface name="org.anode.TestDesk">
<method name="Call"><arg type="s" direction="in"/><arg type="s" direction="out"/></method>
</interface></node>"""

bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
notifications = []
next_id = [1]
tray_items = []
shown_items = []
owned = {}


def plain(v):
    """A GVariant as JSON-friendly Python values."""
    if isinstance(v, GLib.Variant):
        v = v.unpack()
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, bytes):
        return len(v)
    return v


inhibitors = {}
next_cookie = [1]


def screensaver_call(conn, sender, path, iface, method, params, inv):
    if method == 'Inhibit':
        app, reason = params.unpack()
        cookie = next_cookie[0]
        next_cookie[0] += 1
        inhibitors[cookie] = {'app': app, 'reason': reason}
        inv.return_value(GLib.Variant('(u)', (cookie,)))
    elif method == 'UnInhibit':
        (cookie,) = params.unpack()
        inhibitors.pop(cookie, None)
        inv.return_value(None)
    else:
        inv.return_value(GLib.Variant('(u)', (42,)))


def notify_call(conn, sender, path, iface, method, params, inv):
    if method == 'Notify':
        app, replaces, icon, summary, body, actions, hints, timeout = params.unpack()
        nid = replaces or next_id[0]
        if not replaces:
            next_id[0] += 1
        notifications.append({'id': nid, 'app': app, 'icon': icon, 'summary': summary, 'body': body,
                              'actions': actions, 'hints': sorted(hints.keys()), 'urgency': hints.get('urgency'),
                              'timeout': timeout, 'sender': sender, 'open': True})
        inv.return_value(GLib.Variant('(u)', (nid,)))
    elif method == 'CloseNotification':
        (nid,) = params.unpack()
        for n in notifications:
            if n['id'] == nid and n['open']:
                n['open'] = False
                conn.emit_signal(n['sender'], '/org/freedesktop/Notifications', 'org.freedesktop.Notifications',
                                 'NotificationClosed', GLib.Variant('(uu)', (nid, 3)))
        inv.return_value(None)
    elif method == 'GetCapabilities':
        inv.return_value(GLib.Variant('(as)', (['actions', 'body', 'icon-static'],)))
    else:
        inv.return_value(GLib.Variant('(ssss)', ('anode-test', 'anode', '1', '1.2')))


def watcher_call(conn, sender, path, iface, method, params, inv):
    (arg,) = params.unpack()
    if method == 'RegisterStatusNotifierItem':
        # The spec: a bus name (the path is then /StatusNotifierItem) or a path.
        item = f'{sender}{arg}' if arg.startswith('/') else f'{arg}/StatusNotifierItem'
        tray_items.append({'item': item, 'sender': sender})
        conn.emit_signal(None, '/StatusNotifierWatcher', 'org.kde.StatusNotifierWatcher',
                         'StatusNotifierItemRegistered', GLib.Variant('(s)', (item,)))
    inv.return_value(None)


def watcher_prop(conn, sender, path, iface, prop):
    if prop == 'RegisteredStatusNotifierItems':
        return GLib.Variant('as', [t['item'] for t in tray_items])
    if prop == 'IsStatusNotifierHostRegistered':
        return GLib.Variant('b', True)
    return GLib.Variant('i', 0)


def fm_call(conn, sender, path, iface, method, params, inv):
    uris, startup = params.unpack()
    shown_items.append({'method': method, 'uris': uris})
    inv.return_value(None)


def split_item(item):
    name, _, path = item.partition('/')
    return name, '/' + path


def call_sync(name, path, iface, method, args, reply=None):
    r = bus.call_sync(name, path, iface, method, args, GLib.VariantType(reply) if reply else None,
                      Gio.DBusCallFlags.NONE, 5000, None)
    return r.unpack() if r is not None else None


def layout(node):
    nid, props, children = node
    return {'id': nid, 'props': plain(props), 'children': [layout(c) for c in plain(children)]}


def control(cmd):
    op = cmd['op']
    if op == 'notifications':
        return notifications
    if op == 'action':
        n = [x for x in notifications if x['id'] == cmd['id']][0]
        bus.emit_signal(n['sender'], '/org/freedesktop/Notifications', 'org.freedesktop.Notifications',
                        'ActionInvoked', GLib.Variant('(us)', (cmd['id'], cmd['key'])))
        if cmd.get('close', True):
            n['open'] = False
            bus.emit_signal(n['sender'], '/org/freedesktop/Notifications', 'org.freedesktop.Notifications',
                            'NotificationClosed', GLib.Variant('(uu)', (cmd['id'], 2)))
        return True
    if op == 'dismiss':
        n = [x for x in notifications if x['id'] == cmd['id']][0]
        n['open'] = False
        bus.emit_signal(n['sender'], '/org/freedesktop/Notifications', 'org.freedesktop.Notifications',
                        'NotificationClosed', GLib.Variant('(uu)', (cmd['id'], 2)))
        return True
    if op == 'trayItems':
        return tray_items
    if op == 'trayProps':
        name, path = split_item(cmd['item'])
        (props,) = call_sync(name, path, 'org.freedesktop.DBus.Properties', 'GetAll',
                             GLib.Variant('(s)', ('org.kde.StatusNotifierItem',)), '(a{sv})')
        out = plain(props)
        if 'IconPixmap' in props:
            out['IconPixmap'] = [[w, h, len(data)] for (w, h, data) in props['IconPixmap']]
        if 'ToolTip' in props:
            out['ToolTip'] = plain(props['ToolTip'])
            out['ToolTip'][1] = [[w, h, len(d)] for (w, h, d) in props['ToolTip'][1]]
        return out
    if op == 'trayActivate':
        name, path = split_item(cmd['item'])
        call_sync(name, path, 'org.kde.StatusNotifierItem', cmd.get('method', 'Activate'),
                  GLib.Variant('(ii)', (cmd.get('x', 0), cmd.get('y', 0))))
        return True
    if op == 'trayMenu':
        name, path = split_item(cmd['item'])
        (menu_path,) = call_sync(name, path, 'org.freedesktop.DBus.Properties', 'Get',
                                 GLib.Variant('(ss)', ('org.kde.StatusNotifierItem', 'Menu')), '(v)')
        rev, node = call_sync(name, menu_path, 'com.canonical.dbusmenu', 'GetLayout',
                              GLib.Variant('(iias)', (0, -1, [])), '(u(ia{sv}av))')
        return {'revision': rev, 'layout': layout(node)}
    if op == 'trayMenuClick':
        name, path = split_item(cmd['item'])
        (menu_path,) = call_sync(name, path, 'org.freedesktop.DBus.Properties', 'Get',
                                 GLib.Variant('(ss)', ('org.kde.StatusNotifierItem', 'Menu')), '(v)')
        call_sync(name, menu_path, 'com.canonical.dbusmenu', 'Event',
                  GLib.Variant('(isvu)', (cmd['id'], 'clicked', GLib.Variant('i', 0), 0)))
        return True
    if op == 'inhibitors':
        return inhibitors
    if op == 'screensaver':
        bus.emit_signal(None, '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver',
                        'ActiveChanged', GLib.Variant('(b)', (cmd['active'],)))
        return True
    if op == 'shown':
        return shown_items
    if op == 'release':
        for n in cmd['names']:
            if n in owned:
                Gio.bus_unown_name(owned.pop(n))
        return True
    if op == 'acquire':
        own_all()
        return True
    raise ValueError(f'unknown op {op}')


def control_call(conn, sender, path, iface, method, params, inv):
    (arg,) = params.unpack()
    try:
        result = json.dumps({'ok': control(json.loads(arg))})
    except Exception as e:  # the test sees the error text
        result = json.dumps({'error': f'{type(e).__name__}: {e}'})
    inv.return_value(GLib.Variant('(s)', (result,)))


def register(xml, path, call, prop=None):
    info = Gio.DBusNodeInfo.new_for_xml(xml).interfaces[0]
    bus.register_object(path, info, call, prop, None)


register(NOTIFY_XML, '/org/freedesktop/Notifications', notify_call)
register(WATCHER_XML, '/StatusNotifierWatcher', watcher_call, watcher_prop)
register(FM_XML, '/org/freedesktop/FileManager1', fm_call)
register(SCREENSAVER_XML, '/org/freedesktop/ScreenSaver', screensaver_call)
register(CONTROL_XML, '/org/anode/TestDesk', control_call)

NAMES = ['org.freedesktop.Notifications', 'org.kde.StatusNotifierWatcher', 'org.freedesktop.FileManager1',
         'org.freedesktop.ScreenSaver']


def own_all():
    for n in NAMES:
        if n not in owned:
            owned[n] = Gio.bus_own_name_on_connection(bus, n, Gio.BusNameOwnerFlags.NONE, None, None)


own_all()
# The control name last: once it is there, the others are too.
Gio.bus_own_name_on_connection(bus, 'org.anode.TestDesk', Gio.BusNameOwnerFlags.NONE, None, None)
print('desk services up', flush=True)
sys.stdout.flush()
GLib.MainLoop().run()
