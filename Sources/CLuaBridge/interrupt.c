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
}

void bridge_arm(lua_State *L) { armed = L; }

void bridge_disarm(void) {
    lua_State *L = armed;
    armed = NULL;
    if (L) lua_sethook(L, NULL, 0, 0);
}

int bridge_interrupt_pending(void) { return pending; }

int bridge_take_interrupt(void) {
    int was = pending;
    pending = 0;
    return was;
}

void bridge_raise_interrupt(void) { on_sigint(SIGINT); }
