#ifndef COEXIST_CEDITLINE_SHIM_H
#define COEXIST_CEDITLINE_SHIM_H
/* el_set, el_get and history are C-variadic, which Swift cannot call; these fixed-arity wrappers can.
   Always the native histedit API: editline/readline.h's globals do not fit Swift 6 concurrency checks,
   and <readline/readline.h> would pick up GNU readline instead. */
#include <stdio.h>
#include <wchar.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
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
/* el_set's narrow EL_ADDFN copies name and help with wcsdup and never frees them (libedit's eln.c says so:
   "The two strdup's leak"), one leak per line editor made, which the address sanitizer's leak check reports
   in every run of the shell (scripts/test --asan). el_wset keeps the pointers it is given, so it gets wide
   copies made once per name and kept here for the process's life: the shell adds one function. */
static inline int shim_el_addfn(EditLine *el, const char *name, const char *help, shim_command_fn f) {
    enum { kept_max = 8 };
    static struct { char *name; wchar_t *wname, *whelp; } kept[kept_max];
    static int nkept = 0;
    int i = 0;
    while (i < nkept && strcmp(kept[i].name, name) != 0) i++;
    if (i == nkept) {
        if (nkept == kept_max) return el_set(el, EL_ADDFN, name, help, f);
        size_t nn = strlen(name) + 1, nh = strlen(help) + 1;
        char *copy = (char *)malloc(nn);
        wchar_t *wname = (wchar_t *)calloc(nn, sizeof(wchar_t)), *whelp = (wchar_t *)calloc(nh, sizeof(wchar_t));
        if (!copy || !wname || !whelp || mbstowcs(wname, name, nn) == (size_t)-1 || mbstowcs(whelp, help, nh) == (size_t)-1) {
            free(copy); free(wname); free(whelp);
            return el_set(el, EL_ADDFN, name, help, f);
        }
        memcpy(copy, name, nn);
        kept[i].name = copy;
        kept[i].wname = wname;
        kept[i].whelp = whelp;
        nkept++;
    }
    return el_wset(el, EL_ADDFN, kept[i].wname, kept[i].whelp, f);
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

/* Appends the newest entry to the history file, in libedit's own encoding, with one O_APPEND write, so two
   shells at once keep each other's lines (H_SAVE rewrites the whole file from one shell's memory). libedit
   writes the entry through H_NSAVE_FP into a scratch file (it fchmods its stream, so not a memory stream);
   its leading cookie line is kept only when the history file is new. Returns 0, or -1 on any failure. */
static inline int shim_history_append_newest(History *h, const char *path) {
    FILE *scratch = tmpfile();
    if (!scratch) return -1;
    HistEvent ev;
    char *buf = NULL;
    long len = -1;
    if (history(h, &ev, H_NSAVE_FP, (size_t)1, scratch) >= 0 && fflush(scratch) == 0 && (len = ftell(scratch)) > 0) {
        buf = (char *)malloc((size_t)len);
        rewind(scratch);
        if (!buf || fread(buf, 1, (size_t)len, scratch) != (size_t)len) len = -1;
    }
    fclose(scratch);
    if (len <= 0) { free(buf); return -1; }
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) { free(buf); return -1; }
    /* The newest entry is the last line (an entry's own newlines are encoded as \012); libedit 3.1's
       H_NSAVE_FP writes one entry more than asked, so take that line alone, after the cookie if new. */
    const char *end = buf + len;
    if (end > buf && end[-1] == '\n') end--;
    const char *last = end;
    while (last > buf && last[-1] != '\n') last--;
    const char *start = last;
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_size == 0) {
        const char *nl = (const char *)memchr(buf, '\n', (size_t)len);
        if (nl && nl + 1 < last) {
            /* A new file: the cookie line, then the entry. */
            if (write(fd, buf, (size_t)(nl + 1 - buf)) != (ssize_t)(nl + 1 - buf)) { close(fd); free(buf); return -1; }
        } else {
            start = buf;
        }
    }
    size_t n = (size_t)(buf + len - start);
    ssize_t w = n ? write(fd, start, n) : 0;
    int ok = close(fd) == 0 && w == (ssize_t)n;
    free(buf);
    return ok ? 0 : -1;
}

#endif
