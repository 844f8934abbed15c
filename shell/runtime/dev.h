/* `anode dev APPDIR` (dev.c): the session that watches the app's folder and
 * replaces the app's runtime inside the process when main-process files
 * change, and what the UI module and internalBinding('dev') see of it. */
#pragma once

#include "anode-runtime.h"

G_BEGIN_DECLS

typedef struct anode_dev anode_dev_t;

/* What the UI module hands the session so its GTK/WebKit state outlives a
 * runtime: `detach` runs before the runtime goes (drop every JS value of
 * it, orphan its windows) and gives the UI `limbo` to point at until the
 * next runtime adopts it (a runtime that runs no JS, so GTK and WebKit
 * callbacks arriving in between find a context and an archive table);
 * `show_error` puts the error overlay (a JSON object: file, line, message,
 * stack) in the windows on screen. */
typedef struct {
  void (*detach) (gpointer ui, anode_runtime_t *limbo);
  void (*free) (gpointer ui);
  void (*show_error) (gpointer ui, const char *json);
} anode_dev_ui_class_t;

/* Runs the dev session for APPDIR until the app exits. Returns the exit
 * status. */
int anode_dev_main (int argc, char **argv, const char *appdir,
                    GPtrArray *exec_argv, GPtrArray *args);

/* The UI state a previous runtime of the session left, or NULL. */
gpointer anode_dev_kept_ui (anode_runtime_t *rt);

/* The UI module registers its state once it made it for `rt`. */
void anode_dev_keep_ui (anode_runtime_t *rt, gpointer ui,
                        const anode_dev_ui_class_t *klass);

/* The session of `rt`, or NULL outside dev mode. */
anode_dev_t *anode_dev_of (anode_runtime_t *rt);

/* For binding-dev.c. */
const char *anode_dev_root (anode_dev_t *dev);
const char *anode_dev_url (anode_dev_t *dev);
void anode_dev_set_handler (anode_dev_t *dev, JSCValue *fn);
/* The main script failed (an uncaught exception): `json` is the error's
 * {file, line, message, stack}. The runtime is torn down once JS returns. */
void anode_dev_fatal (anode_dev_t *dev, const char *json);
/* The first new window painted after a restart (or the app settled with
 * none): prints the restart's line. */
void anode_dev_painted (anode_dev_t *dev, gboolean window);
/* One line on the terminal, "[anode dev] " first. */
void anode_dev_log (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
