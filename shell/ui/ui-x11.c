/* Window features GTK4 dropped from its API (positions, keep-above, maximum
 * size, urgency), done through X11 when the display is X11. On Wayland the
 * compositor owns these and each call reports FALSE. */
#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>
#include <string.h>

#include "ui-private.h"

static gboolean
x11_ids (GtkWindow *window, Display **dpy, Window *xid)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (surface == NULL)
    return FALSE;
  *dpy = gdk_x11_display_get_xdisplay (display);
  *xid = gdk_x11_surface_get_xid (surface);
  return *xid != 0;
}

/* The window's WM_NORMAL_HINTS as GTK left them, to amend. */
static void
get_normal_hints (Display *dpy, Window xid, XSizeHints *hints)
{
  long supplied = 0;
  memset (hints, 0, sizeof *hints);
  XGetWMNormalHints (dpy, xid, hints, &supplied);
}

gboolean
anode_ui_x11_move (GtkWindow *window, int x, int y)
{
  Display *dpy;
  Window xid;
  if (!x11_ids (window, &dpy, &xid))
    return FALSE;
  /* USPosition tells the window manager the user asked for this place. */
  XSizeHints hints;
  get_normal_hints (dpy, xid, &hints);
  hints.flags |= USPosition | PPosition;
  hints.x = x;
  hints.y = y;
  XSetWMNormalHints (dpy, xid, &hints);
  XMoveWindow (dpy, xid, x, y);
  XFlush (dpy);
  return TRUE;
}

/* The window manager's frame around the client ([left, right, top,
 * bottom]), zero when there is none. */
static void
frame_extents (Display *dpy, Window xid, long extents[4])
{
  Atom type;
  int format;
  unsigned long n = 0, after;
  unsigned char *data = NULL;
  extents[0] = extents[1] = extents[2] = extents[3] = 0;
  if (XGetWindowProperty (dpy, xid, XInternAtom (dpy, "_NET_FRAME_EXTENTS", False), 0, 4,
                          False, XA_CARDINAL, &type, &format, &n, &after, &data) == Success &&
      data != NULL && n == 4 && format == 32)
    memcpy (extents, data, sizeof (long) * 4);
  if (data != NULL)
    XFree (data);
}

/* The frame's top-left corner (what Electron reports and what a move
 * places), from the client's position and the frame extents. */
gboolean
anode_ui_x11_get_position (GtkWindow *window, int *x, int *y)
{
  Display *dpy;
  Window xid, child;
  if (!gtk_widget_get_mapped (GTK_WIDGET (window)) || !x11_ids (window, &dpy, &xid))
    return FALSE;
  if (!XTranslateCoordinates (dpy, xid, DefaultRootWindow (dpy), 0, 0, x, y, &child))
    return FALSE;
  long ext[4];
  frame_extents (dpy, xid, ext);
  *x -= (int) ext[0];
  *y -= (int) ext[2];
  return TRUE;
}

gboolean
anode_ui_x11_set_above (GtkWindow *window, gboolean above)
{
  Display *dpy;
  Window xid;
  if (!x11_ids (window, &dpy, &xid))
    return FALSE;
  Atom state = XInternAtom (dpy, "_NET_WM_STATE", False);
  Atom above_atom = XInternAtom (dpy, "_NET_WM_STATE_ABOVE", False);
  if (!gtk_widget_get_mapped (GTK_WIDGET (window))) {
    /* Before mapping, the initial state is a property the WM reads. */
    if (above)
      XChangeProperty (dpy, xid, state, XA_ATOM, 32, PropModeAppend,
                       (unsigned char *) &above_atom, 1);
  } else {
    XEvent ev = { 0 };
    ev.xclient.type = ClientMessage;
    ev.xclient.window = xid;
    ev.xclient.message_type = state;
    ev.xclient.format = 32;
    ev.xclient.data.l[0] = above ? 1 : 0; /* _NET_WM_STATE_ADD / REMOVE */
    ev.xclient.data.l[1] = (long) above_atom;
    ev.xclient.data.l[3] = 1;
    XSendEvent (dpy, DefaultRootWindow (dpy), False,
                SubstructureRedirectMask | SubstructureNotifyMask, &ev);
  }
  XFlush (dpy);
  return TRUE;
}

gboolean
anode_ui_x11_set_max_size (GtkWindow *window, int w, int h)
{
  Display *dpy;
  Window xid;
  if (!x11_ids (window, &dpy, &xid))
    return FALSE;
  XSizeHints hints;
  get_normal_hints (dpy, xid, &hints);
  if (w > 0 || h > 0) {
    hints.flags |= PMaxSize;
    hints.max_width = w > 0 ? w : 32767;
    hints.max_height = h > 0 ? h : 32767;
  } else {
    hints.flags &= ~PMaxSize;
  }
  XSetWMNormalHints (dpy, xid, &hints);
  XFlush (dpy);
  return TRUE;
}

gboolean
anode_ui_x11_set_urgent (GtkWindow *window, gboolean urgent)
{
  Display *dpy;
  Window xid;
  if (!x11_ids (window, &dpy, &xid))
    return FALSE;
  XWMHints *hints = XGetWMHints (dpy, xid);
  XWMHints fresh = { 0 };
  XWMHints *h = hints ? hints : &fresh;
  if (urgent)
    h->flags |= XUrgencyHint;
  else
    h->flags &= ~XUrgencyHint;
  XSetWMHints (dpy, xid, h);
  if (hints)
    XFree (hints);
  XFlush (dpy);
  return TRUE;
}

gboolean
anode_ui_x11_get_work_area (GdkDisplay *display, GdkRectangle *area)
{
  GListModel *monitors = gdk_display_get_monitors (display);
  g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, area);
  return TRUE;
}

static gboolean
xevent_cb (GdkX11Display *display, gpointer xevent, anode_ui_t *ui)
{
  XEvent *ev = xevent;
  if (ev->type != ConfigureNotify)
    return FALSE;
  GHashTableIter it;
  anode_window_t *w;
  g_hash_table_iter_init (&it, ui->windows);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &w)) {
    Display *dpy;
    Window xid;
    if (w->destroyed || !x11_ids (w->window, &dpy, &xid) || xid != ev->xconfigure.window)
      continue;
    int x, y;
    if (anode_ui_x11_get_position (w->window, &x, &y) &&
        (!w->reported_position || x != w->reported_x || y != w->reported_y)) {
      gboolean first = !w->reported_position;
      w->x = w->reported_x = x;
      w->y = w->reported_y = y;
      w->reported_position = TRUE;
      if (!first)
        anode_ui_emit (w, "move", NULL, NULL);
    }
    break;
  }
  return FALSE;
}

void
anode_ui_x11_watch_moves (anode_ui_t *ui)
{
  GdkDisplay *display = gdk_display_get_default ();
  if (display != NULL && GDK_IS_X11_DISPLAY (display))
    g_signal_connect (display, "xevent", G_CALLBACK (xevent_cb), ui);
}
