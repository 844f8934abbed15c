/* dialog's native half: file choosers (GtkFileChooserNative, so the desktop
 * portal is used where GTK uses it; GtkFileDialog is GTK 4.10), message
 * boxes (a GtkWindow of our own: GtkAlertDialog is 4.10 too), the about
 * panel, and the synchronous forms (a nested main loop that runs GTK but no
 * JS). Tests answer dialogs through their real widgets (dialogTestAnswer). */
#include "ui-desk.h"

typedef enum { DLG_OPEN, DLG_SAVE, DLG_MESSAGE } dlg_kind_t;

typedef struct {
  anode_ui_t *ui;
  dlg_kind_t kind;
  JSCValue *cb;           /* async: (err, result) */
  GMainLoop *loop;        /* sync: quit when answered */
  JSCValue *result;       /* sync: what the loop ends with */
  gpointer dialog;        /* GtkFileChooserNative or GtkWindow (owned ref) */
  GPtrArray *buttons;     /* message box buttons, by index */
  GtkWidget *checkbox;
  int cancel_id;
  gboolean answered;
} dlg_t;

static void
dlg_free (dlg_t *d)
{
  g_clear_object (&d->cb);
  g_clear_object (&d->result);
  g_clear_pointer (&d->buttons, g_ptr_array_unref);
  g_clear_object (&d->dialog);
  g_free (d);
}

/* Hands `result` to JS (async) or to the waiting nested loop (sync). */
static void
dlg_finish (dlg_t *d, JSCValue *result)
{
  anode_desk_t *desk = anode_desk_get (d->ui);
  if (d->answered)
    return;
  d->answered = TRUE;
  g_ptr_array_remove (desk->dialogs, d);
  if (d->loop != NULL) {
    d->result = g_object_ref (result);
    g_main_loop_quit (d->loop);
    return;
  }
  JSCContext *ctx = d->ui->rt->ctx;
  g_autoptr (JSCValue) null = jsc_value_new_null (ctx);
  JSCValue *args[] = { null, result };
  g_autoptr (JSCValue) r = anode_runtime_callback (d->ui->rt, d->cb, 2, args);
  dlg_free (d);
}

/* Runs `d` to its end: async returns at once (undefined), sync spins a
 * nested loop in which GTK runs but libuv (so JS) does not. */
static JSCValue *
dlg_run (dlg_t *d)
{
  anode_ui_t *ui = d->ui;
  if (d->loop == NULL)
    return jsc_value_new_undefined (ui->rt->ctx);
  anode_loop_source_pause (ui->rt->uv_source, TRUE);
  g_main_loop_run (d->loop);
  anode_loop_source_pause (ui->rt->uv_source, FALSE);
  JSCValue *result = g_object_ref (d->result);
  g_main_loop_unref (d->loop);
  d->loop = NULL;
  dlg_free (d);
  return result;
}

static dlg_t *
dlg_new (anode_ui_t *ui, dlg_kind_t kind, JSCValue *cb)
{
  dlg_t *d = g_new0 (dlg_t, 1);
  d->ui = ui;
  d->kind = kind;
  if (jsc_value_is_function (cb))
    d->cb = g_object_ref (cb);
  else
    d->loop = g_main_loop_new (NULL, FALSE);
  g_ptr_array_add (anode_desk_get (ui)->dialogs, d);
  return d;
}

static GtkWindow *
parent_window (anode_ui_t *ui, double id)
{
  anode_window_t *w = id > 0 ? anode_ui_window_lookup (ui, (guint) id) : NULL;
  return w ? w->window : NULL;
}

static gboolean apply_test_answer_cb (gpointer data);

static void
maybe_answer (dlg_t *d)
{
  anode_desk_t *desk = anode_desk_get (d->ui);
  if (!g_queue_is_empty (&desk->test_answers))
    g_timeout_add (50, apply_test_answer_cb, d->ui);
}

/* ---- file choosers */

static void
add_filters (GtkFileChooser *chooser, JSCValue *filters)
{
  if (filters == NULL || !jsc_value_is_array (filters))
    return;
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (filters, "length");
  for (int i = 0; i < jsc_value_to_int32 (len_v); i++) {
    g_autoptr (JSCValue) f = jsc_value_object_get_property_at_index (filters, i);
    g_autofree char *name = anode_desk_opt_string (f, "name");
    g_autoptr (JSCValue) exts = jsc_value_object_get_property (f, "extensions");
    g_auto (GStrv) list = anode_desk_strv (exts);
    GtkFileFilter *filter = gtk_file_filter_new ();
    gtk_file_filter_set_name (filter, name ? name : "");
    for (guint j = 0; list[j] != NULL; j++) {
      if (g_str_equal (list[j], "*")) {
        gtk_file_filter_add_pattern (filter, "*");
      } else {
        gtk_file_filter_add_suffix (filter, list[j]);
      }
    }
    gtk_file_chooser_add_filter (chooser, filter);
    g_object_unref (filter);
  }
}

static void
chooser_response_cb (GtkNativeDialog *native, int response, dlg_t *d)
{
  JSCContext *ctx = d->ui->rt->ctx;
  JSCValue *result = jsc_value_new_object (ctx, NULL, NULL);
  gboolean ok = response == GTK_RESPONSE_ACCEPT;
  g_autoptr (JSCValue) canceled = jsc_value_new_boolean (ctx, !ok);
  anode_set_value (result, "canceled", canceled);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  if (ok) {
    g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
    for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++) {
      g_autoptr (GFile) f = g_list_model_get_item (files, i);
      char *p = g_file_get_path (f);
      if (p != NULL)
        g_ptr_array_add (paths, p);
    }
  }
  g_ptr_array_add (paths, NULL);
  if (d->kind == DLG_SAVE) {
    anode_set_string (result, "filePath", ok && paths->len > 1 ? paths->pdata[0] : "");
  } else {
    g_autoptr (JSCValue) list = anode_desk_strv_to_js (ctx, (const char *const *) paths->pdata);
    anode_set_value (result, "filePaths", list);
  }
  g_signal_handlers_disconnect_by_data (native, d);
  dlg_finish (d, result);
  g_object_unref (result);
}

/* showFileDialog(kind, windowId, options, cb): kind "open" or "save"; with
 * no cb it waits (the *Sync forms) and returns the result. options come
 * checked from dialog.js: title, buttonLabel, defaultPath, filters,
 * properties {openDirectory, multiSelections, showHiddenFiles}. */
static JSCValue *
file_dialog_cb (const char *kind, double win, JSCValue *o, JSCValue *cb, anode_ui_t *ui)
{
  gboolean save = g_str_equal (kind, "save");
  gboolean dirs = anode_desk_opt_bool (o, "openDirectory", FALSE);
  dlg_t *d = dlg_new (ui, save ? DLG_SAVE : DLG_OPEN, cb);
  g_autofree char *title = anode_desk_opt_string (o, "title");
  g_autofree char *accept = anode_desk_opt_string (o, "buttonLabel");
  GtkFileChooserAction action = save ? GTK_FILE_CHOOSER_ACTION_SAVE
    : dirs ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *native = gtk_file_chooser_native_new (
    title ? title : save ? "Save File" : dirs ? "Open Folder" : "Open File",
    parent_window (ui, win), action, accept, NULL);
  d->dialog = native;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (!save)
    gtk_file_chooser_set_select_multiple (chooser, anode_desk_opt_bool (o, "multiSelections", FALSE));
  g_autoptr (JSCValue) filters = jsc_value_object_get_property (o, "filters");
  add_filters (chooser, filters);
  g_autofree char *def = anode_desk_opt_string (o, "defaultPath");
  if (def != NULL && *def != '\0') {
    g_autoptr (GFile) file = g_file_new_for_path (def);
    if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY) {
      gtk_file_chooser_set_current_folder (chooser, file, NULL);
    } else {
      g_autoptr (GFile) dir = g_file_get_parent (file);
      if (dir != NULL)
        gtk_file_chooser_set_current_folder (chooser, dir, NULL);
      g_autofree char *base = g_file_get_basename (file);
      if (save)
        gtk_file_chooser_set_current_name (chooser, base);
      else if (g_file_query_exists (file, NULL))
        gtk_file_chooser_set_file (chooser, file, NULL);
    }
  }
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  maybe_answer (d);
  return dlg_run (d);
}

/* ---- message boxes */

static void
message_answer (dlg_t *d, int response)
{
  JSCContext *ctx = d->ui->rt->ctx;
  JSCValue *result = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_int (result, "response", response);
  gboolean checked = d->checkbox != NULL &&
                     gtk_check_button_get_active (GTK_CHECK_BUTTON (d->checkbox));
  g_autoptr (JSCValue) c = jsc_value_new_boolean (ctx, checked);
  anode_set_value (result, "checkboxChecked", c);
  GtkWindow *window = d->dialog;
  g_signal_handlers_disconnect_by_data (window, d);
  for (guint i = 0; i < d->buttons->len; i++)
    g_signal_handlers_disconnect_by_data (d->buttons->pdata[i], d);
  gtk_window_destroy (window);
  dlg_finish (d, result);
  g_object_unref (result);
}

static void
message_button_cb (GtkButton *button, dlg_t *d)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "anode-index"));
  message_answer (d, index);
}

static gboolean
message_close_cb (GtkWindow *window, dlg_t *d)
{
  message_answer (d, d->cancel_id);
  return TRUE;
}

static const char *
icon_for_type (const char *type)
{
  if (type == NULL)
    return NULL;
  if (g_str_equal (type, "info"))
    return "dialog-information";
  if (g_str_equal (type, "warning"))
    return "dialog-warning";
  if (g_str_equal (type, "error"))
    return "dialog-error";
  if (g_str_equal (type, "question"))
    return "dialog-question";
  return NULL;
}

/* showMessageBox(windowId, options, cb): options from dialog.js: type,
 * title, message, detail, buttons[], defaultId, cancelId, checkboxLabel,
 * checkboxChecked. Without cb it waits and returns the result. */
static JSCValue *
message_box_cb (double win, JSCValue *o, JSCValue *cb, anode_ui_t *ui)
{
  dlg_t *d = dlg_new (ui, DLG_MESSAGE, cb);
  g_autofree char *type = anode_desk_opt_string (o, "type");
  g_autofree char *title = anode_desk_opt_string (o, "title");
  g_autofree char *message = anode_desk_opt_string (o, "message");
  g_autofree char *detail = anode_desk_opt_string (o, "detail");
  g_autofree char *check = anode_desk_opt_string (o, "checkboxLabel");
  g_autoptr (JSCValue) buttons_v = jsc_value_object_get_property (o, "buttons");
  g_auto (GStrv) buttons = anode_desk_strv (buttons_v);
  int default_id = (int) anode_desk_opt_number (o, "defaultId", -1);
  d->cancel_id = (int) anode_desk_opt_number (o, "cancelId", 0);

  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  d->dialog = g_object_ref (window);
  gtk_widget_add_css_class (GTK_WIDGET (window), "anode-message-box");
  gtk_window_set_title (window, title && *title ? title : "");
  gtk_window_set_resizable (window, FALSE);
  GtkWindow *parent = parent_window (ui, win);
  if (parent != NULL) {
    gtk_window_set_transient_for (window, parent);
    gtk_window_set_modal (window, TRUE);
  }
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (outer, 18);
  gtk_widget_set_margin_bottom (outer, 12);
  gtk_widget_set_margin_start (outer, 18);
  gtk_widget_set_margin_end (outer, 18);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  const char *icon_name = icon_for_type (type);
  if (icon_name != NULL) {
    GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
    gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
    gtk_widget_set_valign (icon, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (row), icon);
  }
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *msg = gtk_label_new (message ? message : "");
  gtk_widget_add_css_class (msg, "title-4");
  g_autofree char *markup = g_markup_printf_escaped ("<b><big>%s</big></b>", message ? message : "");
  gtk_label_set_markup (GTK_LABEL (msg), markup);
  gtk_label_set_wrap (GTK_LABEL (msg), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (msg), 50);
  gtk_label_set_xalign (GTK_LABEL (msg), 0);
  gtk_widget_set_name (msg, "message");
  gtk_box_append (GTK_BOX (texts), msg);
  if (detail != NULL && *detail != '\0') {
    GtkWidget *det = gtk_label_new (detail);
    gtk_label_set_wrap (GTK_LABEL (det), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (det), 50);
    gtk_label_set_xalign (GTK_LABEL (det), 0);
    gtk_widget_set_name (det, "detail");
    gtk_box_append (GTK_BOX (texts), det);
  }
  if (check != NULL) {
    d->checkbox = gtk_check_button_new_with_label (check);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (d->checkbox),
                                 anode_desk_opt_bool (o, "checkboxChecked", FALSE));
    gtk_box_append (GTK_BOX (texts), d->checkbox);
  }
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (outer), row);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  d->buttons = g_ptr_array_new ();
  if (buttons[0] == NULL) {
    g_strfreev (buttons);
    buttons = g_new0 (char *, 2);
    buttons[0] = g_strdup ("OK");
  }
  for (guint i = 0; buttons[i] != NULL; i++) {
    GtkWidget *b = gtk_button_new_with_label (buttons[i]);
    g_object_set_data (G_OBJECT (b), "anode-index", GINT_TO_POINTER (i));
    g_signal_connect (b, "clicked", G_CALLBACK (message_button_cb), d);
    if ((int) i == default_id)
      gtk_widget_add_css_class (b, "suggested-action");
    gtk_box_append (GTK_BOX (bar), b);
    g_ptr_array_add (d->buttons, b);
  }
  gtk_box_append (GTK_BOX (outer), bar);
  gtk_window_set_child (window, outer);
  if (default_id >= 0 && default_id < (int) d->buttons->len) {
    gtk_window_set_default_widget (window, d->buttons->pdata[default_id]);
    gtk_window_set_focus (window, d->buttons->pdata[default_id]);
  }
  g_signal_connect (window, "close-request", G_CALLBACK (message_close_cb), d);
  gtk_window_present (window);
  maybe_answer (d);
  return dlg_run (d);
}

/* showAbout(windowId, options): GTK's about dialog; options from JS:
 * applicationName, applicationVersion, copyright, version, credits,
 * authors[], website, iconPath. */
static void
about_cb (double win, JSCValue *o, anode_ui_t *ui)
{
  GtkAboutDialog *about = GTK_ABOUT_DIALOG (gtk_about_dialog_new ());
  g_autofree char *name = anode_desk_opt_string (o, "applicationName");
  g_autofree char *version = anode_desk_opt_string (o, "applicationVersion");
  g_autofree char *copyright = anode_desk_opt_string (o, "copyright");
  g_autofree char *credits = anode_desk_opt_string (o, "credits");
  g_autofree char *website = anode_desk_opt_string (o, "website");
  g_autofree char *icon = anode_desk_opt_string (o, "iconPath");
  g_autoptr (JSCValue) authors_v = jsc_value_object_get_property (o, "authors");
  g_auto (GStrv) authors = anode_desk_strv (authors_v);
  gtk_about_dialog_set_program_name (about, name);
  gtk_about_dialog_set_version (about, version);
  gtk_about_dialog_set_copyright (about, copyright);
  gtk_about_dialog_set_comments (about, credits);
  gtk_about_dialog_set_website (about, website);
  if (authors[0] != NULL)
    gtk_about_dialog_set_authors (about, (const char **) authors);
  if (icon != NULL) {
    g_autoptr (GFile) f = g_file_new_for_path (icon);
    g_autoptr (GdkTexture) t = gdk_texture_new_from_file (f, NULL);
    if (t != NULL)
      gtk_about_dialog_set_logo (about, GDK_PAINTABLE (t));
  }
  GtkWindow *parent = parent_window (ui, win);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_hide_on_close (GTK_WINDOW (about), FALSE);
  gtk_window_present (GTK_WINDOW (about));
}

/* ---- test answers */

/* The GtkFileChooserDialog GtkFileChooserNative shows when no portal is
 * used: a visible toplevel. */
static GtkWidget *
find_chooser_dialog (void)
{
  GListModel *tops = gtk_window_get_toplevels (); /* transfer none */
  for (guint i = 0; i < g_list_model_get_n_items (tops); i++) {
    g_autoptr (GtkWidget) w = g_list_model_get_item (tops, i);
    if (GTK_IS_FILE_CHOOSER (w) && gtk_widget_get_visible (w))
      return w;
  }
  return NULL;
}

static JSCValue *
describe_dialog (anode_ui_t *ui, dlg_t *d)
{
  JSCContext *ctx = ui->rt->ctx;
  JSCValue *o = jsc_value_new_object (ctx, NULL, NULL);
  if (d->kind == DLG_MESSAGE) {
    anode_set_string (o, "kind", "message");
    GtkWindow *window = d->dialog;
    anode_set_string (o, "title", gtk_window_get_title (window) ? gtk_window_get_title (window) : "");
    JSCValue *labels = jsc_value_new_array (ctx, G_TYPE_NONE);
    for (guint i = 0; i < d->buttons->len; i++) {
      g_autoptr (JSCValue) s = jsc_value_new_string (ctx, gtk_button_get_label (d->buttons->pdata[i]));
      jsc_value_object_set_property_at_index (labels, i, s);
    }
    anode_set_value (o, "buttons", labels);
    g_object_unref (labels);
    GtkWidget *def = gtk_window_get_default_widget (window);
    anode_set_int (o, "defaultId", def ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (def), "anode-index")) : -1);
    if (d->checkbox != NULL)
      anode_set_string (o, "checkboxLabel", gtk_check_button_get_label (GTK_CHECK_BUTTON (d->checkbox)));
    g_autoptr (JSCValue) modal = jsc_value_new_boolean (ctx, gtk_window_get_modal (window));
    anode_set_value (o, "modal", modal);
    return o;
  }
  GtkWidget *dialog = find_chooser_dialog ();
  anode_set_string (o, "kind", d->kind == DLG_SAVE ? "save" : "open");
  if (dialog == NULL)
    return o;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  anode_set_string (o, "title", gtk_window_get_title (GTK_WINDOW (dialog)));
  GtkFileChooserAction action = gtk_file_chooser_get_action (chooser);
  anode_set_string (o, "action", action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER ? "folder"
                    : action == GTK_FILE_CHOOSER_ACTION_SAVE ? "save" : "open");
  g_autoptr (JSCValue) multi = jsc_value_new_boolean (ctx, gtk_file_chooser_get_select_multiple (chooser));
  anode_set_value (o, "multiple", multi);
  g_autoptr (GFile) folder = gtk_file_chooser_get_current_folder (chooser);
  g_autofree char *folder_path = folder ? g_file_get_path (folder) : NULL;
  anode_set_string (o, "folder", folder_path ? folder_path : "");
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE) {
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
    anode_set_string (o, "name", name ? name : "");
  }
  g_autoptr (GListModel) filters = gtk_file_chooser_get_filters (chooser);
  JSCValue *names = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; i < g_list_model_get_n_items (filters); i++) {
    g_autoptr (GtkFileFilter) f = g_list_model_get_item (filters, i);
    g_autoptr (JSCValue) s = jsc_value_new_string (ctx, gtk_file_filter_get_name (f));
    jsc_value_object_set_property_at_index (names, i, s);
  }
  anode_set_value (o, "filters", names);
  g_object_unref (names);
  return o;
}

typedef struct {
  anode_ui_t *ui;
  GtkWidget *dialog;
  char **paths;
  int tries;
  gboolean selected;
} wanted_t;

static gboolean
selection_is (GtkFileChooser *chooser, char **paths)
{
  g_autoptr (GListModel) files = gtk_file_chooser_get_files (chooser);
  guint n = files ? g_list_model_get_n_items (files) : 0;
  if (n != 1)
    return FALSE;
  for (guint i = 0; i < n; i++) {
    g_autoptr (GFile) f = g_list_model_get_item (files, i);
    g_autofree char *p = g_file_get_path (f);
    if (p == NULL || g_strcmp0 (paths[0], p) != 0)
      return FALSE;
  }
  return TRUE;
}

/* Selects the wanted files once their folder is shown, then presses the
 * accept button's response. */
static gboolean
respond_when_selected_cb (gpointer data)
{
  wanted_t *want = data;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (want->dialog);
  gboolean done = want->paths[0] == NULL || selection_is (chooser, want->paths);
  if (!done && want->tries++ < 100) {
    /* GTK 4 selects one file through the API (set_file). */
    if (want->tries > 2) {
      g_autoptr (GFile) f = g_file_new_for_path (want->paths[0]);
      gtk_file_chooser_set_file (chooser, f, NULL);
    }
    return G_SOURCE_CONTINUE;
  }
  if (gtk_widget_get_visible (want->dialog))
    gtk_dialog_response (GTK_DIALOG (want->dialog), GTK_RESPONSE_ACCEPT);
  g_object_unref (want->dialog);
  g_strfreev (want->paths);
  g_free (want);
  return G_SOURCE_REMOVE;
}

/* Answers the newest open dialog with the first queued answer, through its
 * widgets: {button: i, checkbox: bool} or {close: true} for message boxes,
 * {paths: [one]} / {name: "x.md", folder: "/dir"} / {cancel: true} for file
 * choosers. JS hears 'dialog-test' with what the dialog showed. */
static gboolean
apply_test_answer_cb (gpointer data)
{
  anode_ui_t *ui = data;
  anode_desk_t *desk = anode_desk_get (ui);
  if (desk->dialogs->len == 0 || g_queue_is_empty (&desk->test_answers))
    return G_SOURCE_REMOVE;
  dlg_t *d = desk->dialogs->pdata[desk->dialogs->len - 1];
  if (d->kind != DLG_MESSAGE && find_chooser_dialog () == NULL)
    return G_SOURCE_CONTINUE; /* not shown yet */
  g_autoptr (JSCValue) answer = g_queue_pop_head (&desk->test_answers);
  g_autoptr (JSCValue) shown = describe_dialog (ui, d);
  anode_desk_emit (ui, "dialog-test", shown, NULL);
  if (d->kind == DLG_MESSAGE) {
    if (d->checkbox != NULL) {
      g_autoptr (JSCValue) cv = jsc_value_object_get_property (answer, "checkbox");
      if (jsc_value_is_boolean (cv))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (d->checkbox), jsc_value_to_boolean (cv));
    }
    if (anode_desk_opt_bool (answer, "close", FALSE)) {
      gtk_window_close (d->dialog);
    } else {
      int i = (int) anode_desk_opt_number (answer, "button", -1);
      if (i < 0 && gtk_window_get_default_widget (d->dialog) != NULL) {
        /* Enter on the default button. */
        gtk_widget_activate_default (GTK_WIDGET (d->dialog));
      } else if (i >= 0 && i < (int) d->buttons->len) {
        g_signal_emit_by_name (d->buttons->pdata[i], "clicked");
      }
    }
    return G_SOURCE_REMOVE;
  }
  GtkWidget *dialog = find_chooser_dialog ();
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  if (anode_desk_opt_bool (answer, "cancel", FALSE)) {
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    return G_SOURCE_REMOVE;
  }
  g_autofree char *folder = anode_desk_opt_string (answer, "folder");
  g_autofree char *name = anode_desk_opt_string (answer, "name");
  if (folder != NULL) {
    g_autoptr (GFile) f = g_file_new_for_path (folder);
    gtk_file_chooser_set_current_folder (chooser, f, NULL);
  }
  if (name != NULL)
    gtk_file_chooser_set_current_name (chooser, name);
  g_autoptr (JSCValue) paths_v = jsc_value_object_get_property (answer, "paths");
  g_auto (GStrv) paths = anode_desk_strv (paths_v);
  if (paths[0] != NULL) {
    /* The API selects one file: a test answers with one. */
    for (guint i = 1; paths[i] != NULL; i++)
      g_clear_pointer (&paths[i], g_free);
    /* Selecting a file loads its folder first: the chooser would take the
     * old selection (or open a folder) if answered before that. */
    g_autoptr (GFile) first = g_file_new_for_path (paths[0]);
    g_autoptr (GFile) dir = g_file_get_parent (first);
    gtk_file_chooser_set_current_folder (chooser, dir, NULL);
  }
  wanted_t *want = g_new0 (wanted_t, 1);
  want->ui = ui;
  want->dialog = g_object_ref (dialog);
  want->paths = g_steal_pointer (&paths);
  g_timeout_add (50, respond_when_selected_cb, want);
  return G_SOURCE_REMOVE;
}

/* dialogTestAnswer(answer): queues an answer for the next dialog. */
static void
test_answer_cb (JSCValue *answer, anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  if (g_strcmp0 (g_getenv ("ANODE_TEST_HOOKS"), "1") != 0) {
    jsc_context_throw (ui->rt->ctx, "test hooks need ANODE_TEST_HOOKS=1");
    return;
  }
  g_queue_push_tail (&desk->test_answers, g_object_ref (answer));
  if (desk->dialogs->len > 0)
    g_timeout_add (50, apply_test_answer_cb, ui);
}

void
anode_ui_dialog_free (anode_desk_t *desk)
{
  while (desk->dialogs->len > 0) {
    dlg_t *d = desk->dialogs->pdata[0];
    g_ptr_array_remove_index (desk->dialogs, 0);
    if (d->dialog != NULL) {
      g_signal_handlers_disconnect_by_data (d->dialog, d);
      if (GTK_IS_NATIVE_DIALOG (d->dialog))
        gtk_native_dialog_destroy (d->dialog);
      else
        gtk_window_destroy (d->dialog);
    }
    if (d->loop == NULL)
      dlg_free (d);
  }
}

void
anode_ui_dialog_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "showFileDialog", G_CALLBACK (file_dialog_cb), ui, JSC_TYPE_VALUE, 4,
                    G_TYPE_STRING, G_TYPE_DOUBLE, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "showMessageBox", G_CALLBACK (message_box_cb), ui, JSC_TYPE_VALUE, 3,
                    G_TYPE_DOUBLE, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "showAbout", G_CALLBACK (about_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  anode_set_method (b, "dialogTestAnswer", G_CALLBACK (test_answer_cb), ui, G_TYPE_NONE, 1,
                    JSC_TYPE_VALUE);
}
