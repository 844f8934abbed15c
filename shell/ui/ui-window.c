/* BrowserWindow's native half: a GtkWindow holding the web view, its
 * geometry and state, and the window events sent to JS. */
#include "ui-private.h"

/* Option readers for the plain object JS validated (validation and the
 * TypeErrors naming options are JS's job). */
static JSCValue *
opt (JSCValue *o, const char *name)
{
  return jsc_value_object_get_property (o, name);
}

static gboolean
opt_bool (JSCValue *o, const char *name, gboolean dflt)
{
  g_autoptr (JSCValue) v = opt (o, name);
  return jsc_value_is_boolean (v) ? jsc_value_to_boolean (v) : dflt;
}

static int
opt_int (JSCValue *o, const char *name, int dflt)
{
  g_autoptr (JSCValue) v = opt (o, name);
  return jsc_value_is_number (v) ? jsc_value_to_int32 (v) : dflt;
}

static char *
opt_string (JSCValue *o, const char *name)
{
  g_autoptr (JSCValue) v = opt (o, name);
  return jsc_value_is_string (v) ? jsc_value_to_string (v) : NULL;
}

anode_window_t *
anode_ui_window_lookup (anode_ui_t *ui, guint id)
{
  anode_window_t *w = g_hash_table_lookup (ui->windows, GUINT_TO_POINTER (id));
  return w != NULL && !w->destroyed ? w : NULL;
}

/* Nothing GTK or WebKit still holds may call back into a freed window:
 * the window is being destroyed, but its surface, view and content manager
 * can outlive it and keep emitting (unmap, state, late loads). */
static void
disconnect_all (anode_window_t *w)
{
  if (w->window != NULL)
    g_signal_handlers_disconnect_by_data (w->window, w);
  if (w->surface != NULL) {
    g_signal_handlers_disconnect_by_data (w->surface, w);
    g_object_remove_weak_pointer (G_OBJECT (w->surface), (gpointer *) &w->surface);
    w->surface = NULL;
  }
  if (w->view != NULL) {
    g_signal_handlers_disconnect_by_data (w->view, w);
    g_signal_handlers_disconnect_by_data (webkit_web_view_get_find_controller (w->view), w);
  }
  if (w->ucm != NULL)
    g_signal_handlers_disconnect_by_data (w->ucm, w);
}

void
anode_ui_window_free (anode_window_t *w)
{
  disconnect_all (w);
  g_clear_pointer (&w->css, g_hash_table_unref);
  g_clear_object (&w->ucm);
  g_clear_object (&w->view);
  g_free (w->programmatic_uri);
  g_free (w);
}

static void
emit_bool (anode_window_t *w, const char *event)
{
  anode_ui_emit (w, event, NULL, NULL);
}

static void
destroy_cb (GtkWidget *widget, anode_window_t *w)
{
  anode_ui_t *ui = w->ui;
  if (w->destroyed)
    return;
  w->destroyed = TRUE;
  anode_ui_menu_window_destroyed (w);
  if (w->view != NULL)
    webkit_web_view_try_close (w->view);
  emit_bool (w, "closed");
  /* Frees w, first cutting every signal that could still reach it. */
  g_hash_table_remove (ui->windows, GUINT_TO_POINTER (w->id));
}

static gboolean
destroy_later_cb (gpointer data)
{
  gtk_window_destroy (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* For JS the window is gone at once ('closed', then freed); the GtkWindow
 * is hidden now and destroyed once GTK has handled the unmap: GTK 4.8
 * otherwise delivers a maximized or full-screen window's last surface state
 * change to the destroyed widget. */
static void
destroy_window (anode_window_t *w)
{
  if (w->destroying || w->destroyed)
    return;
  w->destroying = TRUE;
  GtkWindow *window = g_object_ref (w->window);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  destroy_cb (GTK_WIDGET (window), w); /* frees w */
  g_idle_add (destroy_later_cb, window);
}

static gboolean
close_request_cb (GtkWindow *window, anode_window_t *w)
{
  /* A 'close' listener called preventDefault: keep the window. */
  if (anode_ui_emit (w, "close", NULL, NULL))
    return TRUE;
  destroy_window (w);
  return TRUE;
}


static void
active_cb (GObject *obj, GParamSpec *pspec, anode_window_t *w)
{
  gboolean active = gtk_window_is_active (w->window);
  if (active == w->focused)
    return;
  w->focused = active;
  emit_bool (w, active ? "focus" : "blur");
}

static void
maximized_cb (GObject *obj, GParamSpec *pspec, anode_window_t *w)
{
  gboolean m = gtk_window_is_maximized (w->window);
  if (m == w->maximized)
    return;
  w->maximized = m;
  emit_bool (w, m ? "maximize" : "unmaximize");
}

static void
fullscreen_cb (GObject *obj, GParamSpec *pspec, anode_window_t *w)
{
  gboolean f = gtk_window_is_fullscreen (w->window);
  if (f == w->fullscreen)
    return;
  w->fullscreen = f;
  emit_bool (w, f ? "enter-full-screen" : "leave-full-screen");
}

static void
surface_state_cb (GObject *obj, GParamSpec *pspec, anode_window_t *w)
{
  GdkToplevelState state = gdk_toplevel_get_state (GDK_TOPLEVEL (obj));
  gboolean min = (state & GDK_TOPLEVEL_STATE_MINIMIZED) != 0;
  if (min == w->minimized)
    return;
  w->minimized = min;
  emit_bool (w, min ? "minimize" : "restore");
}

static void
layout_cb (GdkSurface *surface, int width, int height, anode_window_t *w)
{
  /* Starts from the size asked for, so a change made before the first
   * layout still counts as a resize. */
  if (width == w->width && height == w->height)
    return;
  w->width = width;
  w->height = height;
  emit_bool (w, "resize");
}

static void
apply_size_limits (anode_window_t *w)
{
  gtk_widget_set_size_request (GTK_WIDGET (w->window), w->min_w > 0 ? w->min_w : -1,
                               w->min_h > 0 ? w->min_h : -1);
  anode_ui_x11_set_max_size (w->window, w->max_w, w->max_h);
}

static void
center_window (anode_window_t *w)
{
  GdkRectangle area;
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (w->window));
  if (!anode_ui_x11_get_work_area (display, &area))
    return;
  int width, height;
  gtk_window_get_default_size (w->window, &width, &height);
  w->x = area.x + (area.width - width) / 2;
  w->y = area.y + (area.height - height) / 2;
  w->has_position = TRUE;
  anode_ui_x11_move (w->window, w->x, w->y);
}

static void
realize_cb (GtkWidget *widget, anode_window_t *w)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));
  anode_ui_trace (w->ui, "window realized");
  w->surface = surface;
  g_object_add_weak_pointer (G_OBJECT (surface), (gpointer *) &w->surface);
  g_signal_connect (surface, "layout", G_CALLBACK (layout_cb), w);
  g_signal_connect (surface, "notify::state", G_CALLBACK (surface_state_cb), w);
  apply_size_limits (w);
  if (w->has_position)
    anode_ui_x11_move (w->window, w->x, w->y);
  if (w->always_on_top)
    anode_ui_x11_set_above (w->window, TRUE);
}

static void
map_cb (GtkWidget *widget, anode_window_t *w)
{
  /* Window managers may ignore pre-map positions: insist once mapped. */
  if (w->has_position)
    anode_ui_x11_move (w->window, w->x, w->y);
  if (w->always_on_top)
    anode_ui_x11_set_above (w->window, TRUE);
  anode_ui_trace (w->ui, "window mapped");
  emit_bool (w, "show");
}

static void
unmap_cb (GtkWidget *widget, anode_window_t *w)
{
  if (!w->destroyed && !w->destroying)
    emit_bool (w, "hide");
}

static void
apply_background (anode_window_t *w, const char *color, gboolean transparent)
{
  GdkRGBA rgba = { 1, 1, 1, 1 };
  if (transparent)
    rgba = (GdkRGBA) { 0, 0, 0, 0 };
  else if (color == NULL || !gdk_rgba_parse (&rgba, color))
    return;
  webkit_web_view_set_background_color (w->view, &rgba);
  g_autofree char *c = gdk_rgba_to_string (&rgba);
  g_autofree char *css = g_strdup_printf ("window.anode-window { background: %s; }", c);
  GtkCssProvider *provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (w->window)),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

static void
set_icon (anode_window_t *w, const char *path)
{
  /* GTK4 takes icons by theme name; a file path becomes a name in a search
   * path made of its directory. */
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot != NULL)
    *dot = '\0';
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (w->window)));
  gtk_icon_theme_add_search_path (theme, dir);
  gtk_window_set_icon_name (w->window, base);
}

/* createWindow(id, options): the window and its web view; not yet shown. */
static void
create_window_cb (double id, JSCValue *o, anode_ui_t *ui)
{
  anode_window_t *w = g_new0 (anode_window_t, 1);
  w->ui = ui;
  w->id = (guint) id;
  w->css = g_hash_table_new_full (NULL, NULL, NULL,
                                  (GDestroyNotify) webkit_user_style_sheet_unref);
  w->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_add_css_class (GTK_WIDGET (w->window), "anode-window");
  g_hash_table_insert (ui->windows, GUINT_TO_POINTER (w->id), w);

  g_autoptr (JSCValue) related_v = opt (o, "relatedTo");
  anode_window_t *related = jsc_value_is_number (related_v)
    ? anode_ui_window_lookup (ui, jsc_value_to_int32 (related_v)) : NULL;
  g_autoptr (JSCValue) prefs = opt (o, "webPreferences");
  w->view = g_object_ref_sink (anode_ui_webview_new (w, prefs, related ? related->view : NULL));
  /* A box, so a menu bar can go above the view. */
  w->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_vexpand (GTK_WIDGET (w->view), TRUE);
  gtk_box_append (GTK_BOX (w->box), GTK_WIDGET (w->view));
  gtk_window_set_child (w->window, w->box);
  anode_ui_menu_window_created (w);

  w->width = opt_int (o, "width", 800);
  w->height = opt_int (o, "height", 600);
  gtk_window_set_default_size (w->window, w->width, w->height);
  w->min_w = opt_int (o, "minWidth", 0);
  w->min_h = opt_int (o, "minHeight", 0);
  w->max_w = opt_int (o, "maxWidth", 0);
  w->max_h = opt_int (o, "maxHeight", 0);
  g_autoptr (JSCValue) x = opt (o, "x");
  g_autoptr (JSCValue) y = opt (o, "y");
  if (jsc_value_is_number (x) && jsc_value_is_number (y)) {
    w->x = jsc_value_to_int32 (x);
    w->y = jsc_value_to_int32 (y);
    w->has_position = TRUE;
  }
  w->resizable = opt_bool (o, "resizable", TRUE);
  gtk_window_set_resizable (w->window, w->resizable);
  gtk_window_set_deletable (w->window, opt_bool (o, "closable", TRUE));
  w->always_on_top = opt_bool (o, "alwaysOnTop", FALSE);
  gtk_window_set_decorated (w->window, opt_bool (o, "frame", TRUE));
  g_autofree char *title = opt_string (o, "title");
  gtk_window_set_title (w->window, title ? title : "anode");
  g_autofree char *icon = opt_string (o, "icon");
  if (icon != NULL)
    set_icon (w, icon);
  g_autofree char *bg = opt_string (o, "backgroundColor");
  apply_background (w, bg, opt_bool (o, "transparent", FALSE));

  g_autoptr (JSCValue) parent_v = opt (o, "parent");
  anode_window_t *parent = jsc_value_is_number (parent_v)
    ? anode_ui_window_lookup (ui, jsc_value_to_int32 (parent_v)) : NULL;
  if (parent != NULL) {
    gtk_window_set_transient_for (w->window, parent->window);
    gtk_window_set_modal (w->window, opt_bool (o, "modal", FALSE));
    gtk_window_set_destroy_with_parent (w->window, TRUE);
  }
  if (opt_bool (o, "fullscreen", FALSE))
    gtk_window_fullscreen (w->window);

  g_signal_connect (w->window, "close-request", G_CALLBACK (close_request_cb), w);
  g_signal_connect (w->window, "destroy", G_CALLBACK (destroy_cb), w);
  g_signal_connect (w->window, "notify::is-active", G_CALLBACK (active_cb), w);
  g_signal_connect (w->window, "notify::maximized", G_CALLBACK (maximized_cb), w);
  g_signal_connect (w->window, "notify::fullscreened", G_CALLBACK (fullscreen_cb), w);
  g_signal_connect (w->window, "realize", G_CALLBACK (realize_cb), w);
  g_signal_connect (w->window, "map", G_CALLBACK (map_cb), w);
  g_signal_connect (w->window, "unmap", G_CALLBACK (unmap_cb), w);
  anode_ui_dev_window_created (w);
  if (opt_bool (o, "center", FALSE) && !w->has_position) {
    gtk_widget_realize (GTK_WIDGET (w->window));
    center_window (w);
  }
  anode_ui_trace (ui, "window created");
}

#define WINDOW_OR_RETURN(ret)                                            \
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) id);          \
  if (w == NULL)                                                         \
    return ret

static void
show_cb (double id, gboolean activate, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  if (activate)
    gtk_window_present (w->window);
  else
    gtk_widget_set_visible (GTK_WIDGET (w->window), TRUE);
}

static void
hide_cb (double id, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  gtk_widget_set_visible (GTK_WIDGET (w->window), FALSE);
}

/* close(): as if the user clicked the close button ('close' may cancel). */
static void
close_cb (double id, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  gtk_window_close (w->window);
}

/* destroy(): no 'close' event, no way to cancel. */
static void
destroy_window_cb (double id, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  destroy_window (w);
}

static void
state_cb (double id, const char *op, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  if (g_str_equal (op, "focus")) {
    gtk_window_present (w->window);
  } else if (g_str_equal (op, "blur")) {
    /* GTK has no "unfocus": hand focus back by lowering below others. */
    GdkSurface *s = gtk_native_get_surface (GTK_NATIVE (w->window));
    if (s != NULL)
      gdk_toplevel_lower (GDK_TOPLEVEL (s));
  } else if (g_str_equal (op, "minimize")) {
    gtk_window_minimize (w->window);
  } else if (g_str_equal (op, "maximize")) {
    gtk_window_maximize (w->window);
  } else if (g_str_equal (op, "unmaximize")) {
    gtk_window_unmaximize (w->window);
  } else if (g_str_equal (op, "restore")) {
    if (w->minimized)
      gtk_window_unminimize (w->window);
    else if (w->maximized)
      gtk_window_unmaximize (w->window);
    gtk_window_present (w->window);
  } else if (g_str_equal (op, "fullscreen")) {
    gtk_window_fullscreen (w->window);
  } else if (g_str_equal (op, "unfullscreen")) {
    gtk_window_unfullscreen (w->window);
  } else if (g_str_equal (op, "center")) {
    center_window (w);
  } else if (g_str_equal (op, "flash")) {
    anode_ui_x11_set_urgent (w->window, TRUE);
  } else if (g_str_equal (op, "unflash")) {
    anode_ui_x11_set_urgent (w->window, FALSE);
  }
}

/* getState(id): [visible, focused, maximized, minimized, fullscreen]. */
static JSCValue *
get_state_cb (double id, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  WINDOW_OR_RETURN (jsc_value_new_undefined (ctx));
  GdkSurface *s = gtk_native_get_surface (GTK_NATIVE (w->window));
  GdkToplevelState st = s ? gdk_toplevel_get_state (GDK_TOPLEVEL (s)) : 0;
  gboolean values[] = {
    gtk_widget_get_visible (GTK_WIDGET (w->window)) && !(st & GDK_TOPLEVEL_STATE_MINIMIZED),
    gtk_window_is_active (w->window),
    gtk_window_is_maximized (w->window),
    (st & GDK_TOPLEVEL_STATE_MINIMIZED) != 0,
    gtk_window_is_fullscreen (w->window),
  };
  JSCValue *a = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++) {
    g_autoptr (JSCValue) b = jsc_value_new_boolean (ctx, values[i]);
    jsc_value_object_set_property_at_index (a, i, b);
  }
  return a;
}

/* getBounds(id): [x, y, width, height] in logical pixels. */
static JSCValue *
get_bounds_cb (double id, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  WINDOW_OR_RETURN (jsc_value_new_undefined (ctx));
  int width = gtk_widget_get_width (GTK_WIDGET (w->window));
  int height = gtk_widget_get_height (GTK_WIDGET (w->window));
  if (!gtk_widget_get_realized (GTK_WIDGET (w->window)) || width == 0)
    gtk_window_get_default_size (w->window, &width, &height);
  int x = w->x, y = w->y;
  if (anode_ui_x11_get_position (w->window, &x, &y)) {
    w->x = x;
    w->y = y;
  }
  double v[] = { x, y, width, height };
  JSCValue *a = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (v); i++) {
    g_autoptr (JSCValue) n = jsc_value_new_number (ctx, v[i]);
    jsc_value_object_set_property_at_index (a, i, n);
  }
  return a;
}

/* setBounds(id, x, y, width, height): NaN leaves a field as it is. */
static void
set_bounds_cb (double id, double x, double y, double width, double height,
               anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  if (!isnan (width) || !isnan (height)) {
    int cw, ch;
    gtk_window_get_default_size (w->window, &cw, &ch);
    if (gtk_widget_get_realized (GTK_WIDGET (w->window))) {
      cw = gtk_widget_get_width (GTK_WIDGET (w->window));
      ch = gtk_widget_get_height (GTK_WIDGET (w->window));
    }
    int nw = isnan (width) ? cw : (int) width;
    int nh = isnan (height) ? ch : (int) height;
    if (w->max_w > 0)
      nw = MIN (nw, w->max_w);
    if (w->max_h > 0)
      nh = MIN (nh, w->max_h);
    nw = MAX (nw, w->min_w);
    nh = MAX (nh, w->min_h);
    gtk_window_set_default_size (w->window, nw, nh);
  }
  if (!isnan (x) || !isnan (y)) {
    if (!isnan (x))
      w->x = (int) x;
    if (!isnan (y))
      w->y = (int) y;
    w->has_position = TRUE;
    anode_ui_x11_move (w->window, w->x, w->y);
  }
}

static void
set_title_cb (double id, const char *title, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  gtk_window_set_title (w->window, title);
}

static char *
get_title_cb (double id, anode_ui_t *ui)
{
  WINDOW_OR_RETURN (NULL);
  return g_strdup (gtk_window_get_title (w->window));
}

/* setFlag(id, name, value) for boolean window properties. */
static void
set_flag_cb (double id, const char *name, gboolean value, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  if (g_str_equal (name, "resizable")) {
    w->resizable = value;
    gtk_window_set_resizable (w->window, value);
  } else if (g_str_equal (name, "alwaysOnTop")) {
    w->always_on_top = value;
    anode_ui_x11_set_above (w->window, value);
  } else if (g_str_equal (name, "closable")) {
    gtk_window_set_deletable (w->window, value);
  } else if (g_str_equal (name, "decorated")) {
    gtk_window_set_decorated (w->window, value);
  }
}

static void
set_size_limits_cb (double id, double min_w, double min_h, double max_w,
                    double max_h, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  w->min_w = (int) min_w;
  w->min_h = (int) min_h;
  w->max_w = (int) max_w;
  w->max_h = (int) max_h;
  if (gtk_widget_get_realized (GTK_WIDGET (w->window)))
    apply_size_limits (w);
}

static void
set_background_cb (double id, const char *color, anode_ui_t *ui)
{
  WINDOW_OR_RETURN ();
  apply_background (w, color, FALSE);
}

void
anode_ui_window_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "setBackgroundColor", G_CALLBACK (set_background_cb), ui,
                    G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_STRING);
  anode_set_method (b, "createWindow", G_CALLBACK (create_window_cb), ui,
                    G_TYPE_NONE, 2, G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  anode_set_method (b, "show", G_CALLBACK (show_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, G_TYPE_BOOLEAN);
  anode_set_method (b, "hide", G_CALLBACK (hide_cb), ui, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  anode_set_method (b, "close", G_CALLBACK (close_cb), ui, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  anode_set_method (b, "destroy", G_CALLBACK (destroy_window_cb), ui, G_TYPE_NONE, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "windowState", G_CALLBACK (state_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, G_TYPE_STRING);
  anode_set_method (b, "getState", G_CALLBACK (get_state_cb), ui, JSC_TYPE_VALUE, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "getBounds", G_CALLBACK (get_bounds_cb), ui, JSC_TYPE_VALUE, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "setBounds", G_CALLBACK (set_bounds_cb), ui, G_TYPE_NONE, 5,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "setTitle", G_CALLBACK (set_title_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, G_TYPE_STRING);
  anode_set_method (b, "getTitle", G_CALLBACK (get_title_cb), ui, G_TYPE_STRING, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "setFlag", G_CALLBACK (set_flag_cb), ui, G_TYPE_NONE, 3,
                    G_TYPE_DOUBLE, G_TYPE_STRING, G_TYPE_BOOLEAN);
  anode_set_method (b, "setSizeLimits", G_CALLBACK (set_size_limits_cb), ui,
                    G_TYPE_NONE, 5, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}
