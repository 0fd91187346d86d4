#include "CLuaBridge.h"
#include <lua.h>
#include <lauxlib.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t pending = 0;
static lua_State *volatile armed = NULL;
static struct termios saved_tty;
static int have_tty = 0;

static void lstop(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted!");
}

static void on_sigint(int sig) {
    (void)sig;
    if (pending && armed) {
        /* The first Ctrl-C was never serviced: something is stuck outside Lua. Leave, but leave the
           terminal as we found it. */
        if (have_tty) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
        static const char msg[] = "\ncoexist: interrupted twice, exiting\n";
        (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
        _exit(130);
    }
    pending = 1;
    lua_State *L = armed;
    if (L) lua_sethook(L, lstop, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

void bridge_install_sigint(void) {
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_tty) == 0) have_tty = 1;
    struct sigaction sa;
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read at the prompt must return */
    sigaction(SIGINT, &sa, NULL);
    /* A blocked mask survives execve: started by a program whose threads block SIGINT (a test runner), the
       handler never ran and Ctrl-C could not stop a script. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* Calls nest: a host function can run Lua through the engine again (`shell.command(".read f")`, a lesson's
   step). The inner call's end used to disarm for good, so a Ctrl-C in the rest of the outer script set the
   flag and nothing else, a second one found nothing armed, and the loop ran until killed. */
lua_State *bridge_arm(lua_State *L) {
    lua_State *was = armed;
    armed = L;
    return was;
}

void bridge_disarm(lua_State *was) {
    lua_State *L = armed;
    armed = was;
    /* Only our own hook, and only at the outermost call: a Ctrl-C that came as an inner call ended is still
       to be raised in the outer one, and a hook the user set with debug.sethook outlives the line, as in lua.c. */
    if (L && !was && lua_gethook(L) == lstop) lua_sethook(L, NULL, 0, 0);
}

int bridge_interrupt_pending(void) { return pending; }

int bridge_take_interrupt(void) {
    int was = pending;
    pending = 0;
    return was;
}

void bridge_raise_interrupt(void) { on_sigint(SIGINT); }

/* SIGTERM and SIGHUP at the prompt. libedit's EL_SIGNAL handler restores the terminal and then re-sends the
   signal with kill(0, sig), to the whole process group, so `bash -c 'coexist; next'` died with us. While the
   line editor reads, this handler takes them instead: it only records the signal, the reader returns, and
   the shell saves its history, restores the terminal and ends itself alone (bridge_die_of_signal). */
static volatile sig_atomic_t termination = 0;

static void on_termination(int sig) { termination = sig; }

static void termination_mask(int how) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(how, &set, NULL);
}

/* Before el_gets: libedit installs its handler first and prints the prompt before it asks the reader for a
   key, so a signal in that window would reach its kill(0, sig). Blocked, it waits (libedit restores the mask
   it found) until the reader has claimed the signals. */
void bridge_block_termination_signals(void) { termination_mask(SIG_BLOCK); }

void bridge_claim_termination_signals(void) {
    struct sigaction sa;
    sa.sa_handler = on_termination;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: the poll in the reader must return */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    termination_mask(SIG_UNBLOCK);
}

void bridge_release_termination_signals(void) {
    /* Outside the prompt the default action is right: running code ends at once, as any program would. */
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    int sig = termination;
    if (sig) bridge_die_of_signal(sig);
    /* el_gets may return before reading a key; a signal still blocked ends this process alone, by default. */
    termination_mask(SIG_UNBLOCK);
}

int bridge_termination_pending(void) { return termination; }

void bridge_die_of_signal(int sig) {
    if (have_tty) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    /* This process only, so the parent sees how we ended (status 128 + sig) and carries on. */
    kill(getpid(), sig);
    _exit(128 + sig);
}

void bridge_default_sigpipe(void) {
    signal(SIGPIPE, SIG_DFL);
    /* A blocked SIGPIPE (the mask survives exec) would turn it into EPIPE, which print ignores. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}
