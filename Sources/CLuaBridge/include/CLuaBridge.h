#ifndef COEXIST_CLUABRIDGE_H
#define COEXIST_CLUABRIDGE_H
/* The only code in coexist that raises Lua errors. Swift host functions return normally and report an
   error by returning -1 after pushing the error value; the trampoline here raises it from a C frame, so
   Lua's longjmp never crosses Swift code (which would leak retained objects and corrupt ARC). */
#include <stddef.h>
#include <stdio.h>

typedef struct lua_State lua_State;

/* A Swift function: returns the number of results it pushed, or -1 after pushing an error value. */
typedef int (*bridge_host_fn)(lua_State *L, void *ctx);
typedef void (*bridge_release_fn)(void *ctx);

/* Pushes a Lua function that calls fn(L, ctx). `release(ctx)` runs when Lua collects the function. */
void bridge_push_host_function(lua_State *L, bridge_host_fn fn, void *ctx, bridge_release_fn release);
/* The same, charging `bytes` (what ctx holds: an iterator's rows) to the budget until the function is collected. */
void bridge_push_host_function_charged(lua_State *L, bridge_host_fn fn, void *ctx, bridge_release_fn release,
                                       size_t bytes);

/* Creates (or fetches) the metatable for an object type and leaves it on the stack. Its __gc releases the
   object's ctx with `release`; __name is tname. Returns 1 when it was created now. */
int bridge_object_metatable(lua_State *L, const char *tname, bridge_release_fn release);
/* Pushes a full userdata carrying ctx with the metatable tname, which must exist. */
void bridge_push_object(lua_State *L, void *ctx, const char *tname);
/* The same, charging `bytes` (what the host object holds) to the budget until the object is collected. */
void bridge_push_object_charged(lua_State *L, void *ctx, const char *tname, size_t bytes);
/* The ctx of the object at idx when it has metatable tname, else NULL. Never raises. */
void *bridge_to_object(lua_State *L, int idx, const char *tname);
/* The ctx of any bridged object at idx (any object metatable), else NULL; *tname receives its type name. */
void *bridge_any_object(lua_State *L, int idx, const char **tname);

/* Calls the function below nargs arguments with a message handler that appends a traceback.
   Returns LUA_OK or an error status with the message on top of the stack. */
int bridge_pcall_traceback(lua_State *L, int nargs, int nresults);
/* luaL_tolstring under protection: pushes the string, or an error message; returns a Lua status. */
int bridge_tostring(lua_State *L, int idx);
/* Loads a chunk of text (never binary); returns a Lua status with the function or message on top. */
int bridge_load(lua_State *L, const char *code, size_t len, const char *chunkname);

/* Loads a script file as lua.c does (skips a first '#' line, so #! scripts work; text only). */
int bridge_loadfile(lua_State *L, const char *path);
/* The C stream of Lua's current default output (io.output()), or stdout; what print and results write to. */
void *bridge_default_output(lua_State *L);

/* A state whose allocator refuses to grow past `limit` bytes (0: no limit), so a runaway script gets
   Lua's "not enough memory" error instead of the process being killed. */
lua_State *bridge_newstate(size_t limit);
void bridge_close(lua_State *L);
size_t bridge_memory_used(lua_State *L);
size_t bridge_memory_limit(lua_State *L);
void bridge_set_memory_limit(lua_State *L, size_t limit);
/* The budget is the session's, not only Lua's: host objects charge what they hold (bridge_charge, or the
   `bytes` of bridge_push_object_charged) and release it when collected. Swift code runs in "host" mode,
   where nothing fails for the cap (a raise would cross Swift frames); the C code that returns to Lua checks
   the budget and raises "not enough memory" there. */
void bridge_charge(lua_State *L, size_t bytes);
void bridge_uncharge(lua_State *L, size_t bytes);
/* Around Swift code called from C: enter returns the previous mode for leave, which returns 1 when the
   budget is over the cap (after a full collection) and the caller must raise (bridge_raise_out_of_memory). */
int bridge_host_enter(lua_State *L);
int bridge_host_leave(lua_State *L, int was);
/* As bridge_host_leave, for a finaliser: restores the flags, never collects nor reports the budget. */
void bridge_host_leave_quietly(lua_State *L, int was);
int bridge_over_budget(lua_State *L);
/* Drops the C function's stack and raises Lua's "not enough memory". Call from C only. */
int bridge_raise_out_of_memory(lua_State *L);
/* Past the cap, for the shell's own work: compiling a chunk (bridge_load, bridge_loadfile), showing a value
   at the prompt, switching .output back and closing its file. Without it, once a script's globals held the
   whole budget no line compiled, not even `keep = nil`, and the session could only be ended, with "cannot
   write ''" and its .output file lost. With it that line compiles and runs (an assignment allocates nothing)
   and the next collection frees the memory. Lua code a script wrote (a finaliser, a __tostring written in
   Lua) never runs with it. */
#define BRIDGE_RESERVE ((size_t)256 << 10)
/* Around the shell's own Lua code: enter returns what leave restores. */
int bridge_reserve_enter(lua_State *L);
void bridge_reserve_leave(lua_State *L, int was);
/* lua_pcall for Swift code: the Lua code it runs is held to the cap again (host mode off meanwhile). */
int bridge_pcall(lua_State *L, int nargs, int nresults, int msgh);

/* Opens the standard libraries under protection; returns a Lua status. */
int bridge_openlibs(lua_State *L);

/* Ctrl-C, modelled on lua.c: the handler only sets a flag and a count hook; the hook raises
   "interrupted!" from C at the next Lua instruction. Installed once, without SA_RESTART, so a read at
   the prompt returns EINTR. A second Ctrl-C while the first is still unserviced (a host call that does not
   poll) restores the terminal and exits 130. */
void bridge_install_sigint(void);
/* arm returns what was armed before, for disarm to restore (calls nest). */
lua_State *bridge_arm(lua_State *L);
void bridge_disarm(lua_State *was);
/* Whether a Ctrl-C arrived and has not been taken; host functions poll this in long loops. */
int bridge_interrupt_pending(void);
/* Returns and clears the pending Ctrl-C. */
int bridge_take_interrupt(void);
/* Simulates a Ctrl-C (for tests). */
void bridge_raise_interrupt(void);

/* SIGTERM and SIGHUP at the prompt (see interrupt.c): claimed while the line editor reads, so they end this
   process only, after the shell saved its history; released (default action) while code runs. Releasing
   with one pending ends the process. */
void bridge_block_termination_signals(void);
void bridge_claim_termination_signals(void);
void bridge_release_termination_signals(void);
int bridge_termination_pending(void);
/* Restores the terminal and ends this process by `sig` (kill(getpid()), never the process group). */
void bridge_die_of_signal(int sig);
/* SIGPIPE to its default action even if the parent ignored it: output into `head` then ends the process
   quietly with status 141, as cat does, instead of writing into a closed pipe for ever. */
void bridge_default_sigpipe(void);

/* The C standard streams: Swift 6 rejects the mutable C globals stdin, stdout and stderr, so go through these. */
FILE *bridge_stdin(void);
FILE *bridge_stdout(void);
FILE *bridge_stderr(void);

#include "RowView.h"

#endif
