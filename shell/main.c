/* The anode command line: parses options and hands them to the runtime. */
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <string.h>

#include "anode-config.h"
#include "anode-runtime.h"
#include "js-util.h"
#include "dev.h"
#include "launch.h"

static const char usage[] =
  "Usage: anode [options] [script.js | APPDIR | -] [arguments]\n"
  "       anode --test [files or directories...]\n"
  "       anode pack APPDIR [--target dir|appimage|app|asar] [--out DIR]\n"
  "       anode dev APPDIR [arguments]   run the app, reloading it as files change\n"
  "       anode asar pack|list|extract|extract-file ...\n"
  "\n"
  "Runs a JavaScript program on JavaScriptCore with Node's APIs.\n"
  "\n"
  "Options:\n"
  "  -e, --eval CODE       evaluate CODE\n"
  "  -p, --print EXPR      evaluate EXPR and print the result\n"
  "  --input-type=TYPE     run -e/-p/stdin code as \"module\" or \"commonjs\"\n"
  "  --test [paths...]     run test files (node:test) and print a TAP report\n"
  "  -v, --version         print anode's version\n"
  "  -h, --help            print this help\n"
  "  -                     read the script from standard input\n"
  "  --                    end of options\n"
  "\n"
  "APPDIR runs the \"main\" of APPDIR/package.json (default index.js); an\n"
  "app.asar, a packed folder or a Name.app bundle runs the app inside.\n";

typedef struct {
  const char *mode; /* "script", "eval", "stdin", "test", "asar", "pack", "dev" */
  const char *input_type; /* --input-type: "module" or "commonjs" */
  const char *script;
  const char *code;
  gboolean print;
  GPtrArray *exec_argv;
  GPtrArray *args;
} cli_options_t;

/* Returns -1 to go on, or an exit status. */
static int
parse_args (int argc, char **argv, cli_options_t *o)
{
  int i = 1;
  /* `anode pack ...` and `anode asar ...`, unless a script or folder of
   * that name is in the way (then it runs, as node would run it). */
  if (argc > 1 && (strcmp (argv[1], "pack") == 0 || strcmp (argv[1], "asar") == 0 ||
                   strcmp (argv[1], "dev") == 0) &&
      !g_file_test (argv[1], G_FILE_TEST_EXISTS)) {
    o->mode = argv[1];
    for (i = 2; i < argc; i++)
      g_ptr_array_add (o->args, argv[i]);
    return -1;
  }
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp (a, "--") == 0) {
      i++;
      break;
    }
    if (a[0] != '-' || strcmp (a, "-") == 0)
      break;
    if (strcmp (a, "-v") == 0 || strcmp (a, "--version") == 0) {
      printf ("v%s\n", ANODE_VERSION);
      return 0;
    }
    if (strcmp (a, "-h") == 0 || strcmp (a, "--help") == 0) {
      fputs (usage, stdout);
      return 0;
    }
    g_ptr_array_add (o->exec_argv, (char *) a);
    if (strcmp (a, "-e") == 0 || strcmp (a, "--eval") == 0 ||
        strcmp (a, "-p") == 0 || strcmp (a, "--print") == 0) {
      if (i + 1 >= argc) {
        fprintf (stderr, "anode: %s requires an argument\n", a);
        return 2;
      }
      o->mode = "eval";
      o->print = a[1] == 'p' || a[2] == 'p';
      o->code = argv[++i];
      g_ptr_array_add (o->exec_argv, (char *) o->code);
      continue;
    }
    if (g_str_has_prefix (a, "--eval=") || g_str_has_prefix (a, "--print=")) {
      o->mode = "eval";
      o->print = a[2] == 'p';
      o->code = strchr (a, '=') + 1;
      continue;
    }
    if (g_str_has_prefix (a, "--input-type=")) {
      const char *type = a + strlen ("--input-type=");
      if (strcmp (type, "module") != 0 && strcmp (type, "commonjs") != 0) {
        fprintf (stderr, "anode: --input-type must be \"module\" or \"commonjs\"\n");
        return 9;
      }
      o->input_type = type;
      continue;
    }
    if (strcmp (a, "--test") == 0) {
      o->mode = "test";
      continue;
    }
    fprintf (stderr, "anode: bad option: %s\n(see anode --help)\n", a);
    return 2;
  }

  if (strcmp (o->mode, "test") == 0) {
    for (; i < argc; i++)
      g_ptr_array_add (o->args, argv[i]);
    return -1;
  }
  if (strcmp (o->mode, "eval") != 0) {
    if (i < argc) {
      o->script = argv[i++];
      o->mode = strcmp (o->script, "-") == 0 ? "stdin" : "script";
    } else {
      /* Node would start a REPL on a terminal; anode reads stdin. */
      o->mode = "stdin";
      o->script = "-";
    }
  }
  for (; i < argc; i++)
    g_ptr_array_add (o->args, argv[i]);
  return -1;
}

static JSCValue *
strv_value (JSCContext *ctx, GPtrArray *a)
{
  g_ptr_array_add (a, NULL);
  JSCValue *v = jsc_value_new_array_from_strv (ctx, (const char *const *) a->pdata);
  g_ptr_array_remove_index (a, a->len - 1);
  return v;
}

/* As Node does: a server may hold many thousands of sockets, and the
 * distribution's soft limit (often 1024) is far below the hard one. */
static void
raise_fd_limit (void)
{
  struct rlimit lim;
  if (getrlimit (RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit (RLIMIT_NOFILE, &lim);
  }
}

int
main (int argc, char **argv)
{
  cli_options_t o = { .mode = "script" };
  g_autoptr (GPtrArray) exec_argv = g_ptr_array_new ();
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  o.exec_argv = exec_argv;
  o.args = args;

  /* A packaged app (an AppImage, or the binary of a packed folder or
   * bundle) hands every argument to the app; `anode TARGET` may name one. */
  g_auto (anode_appimage_t) ai = { 0 };
  g_auto (anode_launch_t) launch = { 0 };
  g_autoptr (GError) error = NULL;
  gboolean appimage = anode_appimage_detect (&ai);
  int status;
  if (appimage && (status = anode_appimage_run_option (&ai, argc, argv)) >= 0)
    return status;
  if (appimage || anode_launch_for_binary (&launch)) {
    for (int i = 1; i < argc; i++)
      g_ptr_array_add (args, argv[i]);
  } else {
    status = parse_args (argc, argv, &o);
    if (status >= 0)
      return status;
    if (g_str_equal (o.mode, "script") && !g_str_equal (o.script, "-") &&
        !anode_launch_for_target (o.script, &launch, &error) && error != NULL) {
      fprintf (stderr, "anode: %s\n", error->message);
      return 1;
    }
  }

  /* As in Node, a write to a socket the peer closed fails with EPIPE
   * instead of killing the process (libuv resets it for children). */
  signal (SIGPIPE, SIG_IGN);
  raise_fd_limit ();
  if (g_str_equal (o.mode, "dev")) {
    if (args->len == 0) {
      fprintf (stderr, "anode dev: which app? usage: anode dev APPDIR [arguments]\n");
      return 9;
    }
    const char *appdir = g_ptr_array_steal_index (args, 0);
    return anode_dev_main (argc, argv, appdir, exec_argv, args);
  }
  anode_runtime_t *rt = anode_runtime_new (argc, argv);
  if (appimage && !anode_appimage_start (&ai, rt, argv[0], &launch, &error)) {
    fprintf (stderr, "anode: cannot start %s: %s\n", ai.path, error->message);
    return 1;
  }
  if (launch.packaged) {
    if (!anode_launch_check (rt, &launch, &error)) {
      fprintf (stderr, "anode: cannot start the app: %s\n", error->message);
      return 1;
    }
    o.script = launch.app_path;
  }
  /* A desktop app: load GTK and WebKit on a thread while JS boots. */
  if (g_str_equal (o.mode, "script") && anode_ui_entry_wants_ui (rt, o.script))
    anode_ui_prefetch (rt);
  g_autoptr (JSCValue) opts = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_string (opts, "mode", o.mode);
  if (o.script)
    anode_set_string (opts, "script", o.script);
  if (o.code)
    anode_set_string (opts, "code", o.code);
  if (o.input_type)
    anode_set_string (opts, "inputType", o.input_type);
  g_autoptr (JSCValue) print = jsc_value_new_boolean (rt->ctx, o.print);
  anode_set_value (opts, "print", print);
  g_autoptr (JSCValue) ea = strv_value (rt->ctx, exec_argv);
  g_autoptr (JSCValue) aa = strv_value (rt->ctx, args);
  anode_set_value (opts, "execArgv", ea);
  anode_set_value (opts, "args", aa);
  if (launch.packaged) {
    g_autoptr (JSCValue) packaged = jsc_value_new_boolean (rt->ctx, TRUE);
    g_autoptr (JSCValue) self = jsc_value_new_boolean (rt->ctx, launch.self);
    anode_set_value (opts, "packaged", packaged);
    anode_set_value (opts, "self", self);
    anode_set_string (opts, "resourcesPath", launch.resources_path);
  }
  if (appimage) {
    g_autoptr (JSCValue) mounts = jsc_value_new_array (rt->ctx, G_TYPE_STRING, ai.path, G_TYPE_NONE);
    anode_set_value (opts, "mounts", mounts);
  }

  if (!anode_runtime_start (rt, opts))
    status = 70;
  else
    status = anode_runtime_run (rt);
  anode_workers_stop (rt);
  /* Like node, a finished process leaves teardown to the kernel (it costs
   * ~8% of a short script's run). Leak checks ask for the full teardown. */
  if (g_getenv ("ANODE_FULL_TEARDOWN") == NULL)
    exit (status);
  g_clear_object (&opts);
  g_clear_object (&ea);
  g_clear_object (&aa);
  g_clear_object (&print);
  anode_runtime_free (rt);
  return status;
}
