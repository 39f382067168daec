// The newlib system calls and C++ run-time hooks of the firmware. The rule they enforce: no heap.
// Everything is allocated statically or in the agent's pool, so the first call of _sbrk (which
// every malloc, new, printf buffer or C++ exception allocation goes through) is a bug: it is
// reported on the UART and ends the run with ExitCode::heap_use. The rest route output to the
// console and turn abort-like paths into a reported exit.
#include <sys/stat.h>

#include <cerrno>
#include <cstddef>
#include <string_view>

#include "board.hpp"
#include "exit_code.hpp"
#include "fault_report.hpp"
#include "semihosting.hpp"

using tc::cortex_m::ExitCode;
using tc::cortex_m::fatal;

extern "C" {

void* _sbrk(ptrdiff_t increment) {
  (void)increment;
  fatal("heap use after start-up (_sbrk called: malloc, new or stdio buffering)",
        ExitCode::heap_use);
}

int _write(int file, const char* data, int length) {
  (void)file;
  for (int i = 0; i < length; ++i) {
    tc::cortex_m::board::uart_put(data[i]);
  }
  return length;
}

int _read(int, char*, int) {
  errno = ENOSYS;
  return -1;
}

int _close(int) {
  errno = EBADF;
  return -1;
}

int _lseek(int, int, int) {
  errno = ESPIPE;
  return -1;
}

int _fstat(int, struct stat* st) {
  st->st_mode = S_IFCHR;
  return 0;
}

int _isatty(int) {
  return 1;
}

int _getpid() {
  return 1;
}

int _kill(int, int) {
  errno = EINVAL;
  return -1;
}

[[noreturn]] void _exit(int status) {
  tc::cortex_m::semihosting::exit(status);
}

[[noreturn]] void abort() {
  fatal("abort()", ExitCode::aborted);
}

// Static objects with destructors register them at construction; the firmware never returns
// (it ends through semihosting), so they are never run and nothing is recorded. newlib's atexit
// table would otherwise grow through malloc.
void* __dso_handle = nullptr;  // NOLINT(bugprone-reserved-identifier)

int __aeabi_atexit(void*, void (*)(void*), void*) {  // NOLINT(bugprone-reserved-identifier)
  return 0;
}

// mbedTLS's exit (MBEDTLS_PLATFORM_EXIT_MACRO in mbedtls/tc_mbedtls_config.h): its allocator
// found the crypto arena corrupt.
[[noreturn]] void tc_mbedtls_exit(int) {
  fatal("mbedTLS: the crypto arena is corrupt", ExitCode::aborted);
}

[[noreturn]] void __cxa_pure_virtual() {
  fatal("pure virtual call", ExitCode::aborted);
}

}  // extern "C"

// Virtual destructors make the compiler reference the deleting destructor and thus operator
// delete even though nothing is ever deleted; defining it here keeps libstdc++'s allocator out.
void operator delete(void*) noexcept {
  fatal("operator delete", ExitCode::heap_use);
}

void operator delete(void*, std::size_t) noexcept {
  fatal("operator delete", ExitCode::heap_use);
}
