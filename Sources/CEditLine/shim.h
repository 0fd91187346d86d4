#ifndef COEXIST_CEDITLINE_SHIM_H
#define COEXIST_CEDITLINE_SHIM_H
/* el_set, el_get and history are C-variadic, which Swift cannot call; these fixed-arity wrappers can.
   Always the native histedit API: editline/readline.h's globals do not fit Swift 6 concurrency checks,
   and <readline/readline.h> would pick up GNU readline instead. */
#include <stdio.h>
#include <wchar.h>
#include <histedit.h>

typedef char *(*shim_prompt_fn)(EditLine *);
typedef unsigned char (*shim_command_fn)(EditLine *, int);
typedef int (*shim_getc_fn)(EditLine *, wchar_t *);

static inline int shim_el_set_prompt(EditLine *el, shim_prompt_fn f) { return el_set(el, EL_PROMPT, f); }
static inline int shim_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int shim_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int shim_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int shim_el_set_clientdata(EditLine *el, void *d) { return el_set(el, EL_CLIENTDATA, d); }
static inline void *shim_el_get_clientdata(EditLine *el) {
    void *d = NULL;
    el_get(el, EL_CLIENTDATA, &d);
    return d;
}
static inline int shim_el_addfn(EditLine *el, const char *name, const char *help, shim_command_fn f) {
    return el_set(el, EL_ADDFN, name, help, f);
}
static inline int shim_el_set_getcfn(EditLine *el, shim_getc_fn f) { return el_wset(el, EL_GETCFN, f); }
static inline int shim_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, NULL);
}

static inline int shim_history_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
static inline int shim_history_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int shim_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline int shim_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int shim_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
static inline History *shim_history_init(void) { return history_init(); }

#endif
