// What a rank prints. mpilab-run exports these stdio functions (see exports.list), so the program's
// copies and libstdc++ (std::cout, std::cerr) call them instead of libc's. On a rank thread, text for
// stdout or stderr goes to that rank's output lines (rank_write); anywhere else, and for every other
// stream, the call goes on to libc unchanged. The runner makes stdout unbuffered in its run process, so
// even the inline putc_unlocked of an optimised program arrives here (through __overflow).
#include "app/frontends/c/runner/rank_context.hpp"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <string>
#include <sys/uio.h>
#include <unistd.h>

using mpilab::c_runner::current_rank;
using mpilab::c_runner::rank_write;
using mpilab::c_runner::RankContext;

// libc's definition of a function this file replaces (looked up once).
#define LIBC(name) \
    ([]() { static auto real = reinterpret_cast<decltype(&::name)>(dlsym(RTLD_NEXT, #name)); return real; }())

extern "C" {
int _IO_putc(int c, FILE* stream);
int __overflow(FILE* stream, int c);
int __printf_chk(int flag, const char* format, ...);
int __vprintf_chk(int flag, const char* format, va_list ap);
int __fprintf_chk(FILE* stream, int flag, const char* format, ...);
int __vfprintf_chk(FILE* stream, int flag, const char* format, va_list ap);
int __dprintf_chk(int fd, int flag, const char* format, ...);
int __vdprintf_chk(int fd, int flag, const char* format, va_list ap);
}

namespace {

// The rank whose stdout (0) or stderr (1) `stream` is, or null.
RankContext* routed(FILE* stream, int& which) {
    RankContext* rank = current_rank();
    if (!rank) return nullptr;
    if (stream == stdout) which = 0;
    else if (stream == stderr) which = 1;
    else return nullptr;
    return rank;
}

RankContext* routed_fd(int fd, int& which) {
    RankContext* rank = current_rank();
    if (!rank || (fd != 1 && fd != 2)) return nullptr;
    which = fd - 1;
    return rank;
}

int route_format(RankContext& rank, int which, const char* format, va_list ap) {
    char small[512];
    va_list copy;
    va_copy(copy, ap);
    const int n = std::vsnprintf(small, sizeof small, format, copy);
    va_end(copy);
    if (n < 0) return n;
    if (static_cast<std::size_t>(n) < sizeof small) {
        rank_write(rank, which, small, static_cast<std::size_t>(n));
    } else {
        std::string big(static_cast<std::size_t>(n) + 1, '\0');
        std::vsnprintf(big.data(), big.size(), format, ap);
        rank_write(rank, which, big.data(), static_cast<std::size_t>(n));
    }
    return n;
}

int route_char(RankContext& rank, int which, int c) {
    const char ch = static_cast<char>(c);
    rank_write(rank, which, &ch, 1);
    return static_cast<unsigned char>(ch);
}

}  // namespace

extern "C" {

// ---- formatted ----

int vfprintf(FILE* stream, const char* format, va_list ap) {
    int which;
    if (RankContext* rank = routed(stream, which)) return route_format(*rank, which, format, ap);
    return LIBC(vfprintf)(stream, format, ap);
}

int vprintf(const char* format, va_list ap) { return vfprintf(stdout, format, ap); }

int fprintf(FILE* stream, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    const int n = vfprintf(stream, format, ap);
    va_end(ap);
    return n;
}

int printf(const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    const int n = vfprintf(stdout, format, ap);
    va_end(ap);
    return n;
}

int vdprintf(int fd, const char* format, va_list ap) {
    int which;
    if (RankContext* rank = routed_fd(fd, which)) return route_format(*rank, which, format, ap);
    return LIBC(vdprintf)(fd, format, ap);
}

int dprintf(int fd, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    const int n = vdprintf(fd, format, ap);
    va_end(ap);
    return n;
}

// The _FORTIFY_SOURCE forms an optimised build may call.
int __vfprintf_chk(FILE* stream, int flag, const char* format, va_list ap) {
    int which;
    if (RankContext* rank = routed(stream, which)) return route_format(*rank, which, format, ap);
    return LIBC(__vfprintf_chk)(stream, flag, format, ap);
}

int __vprintf_chk(int flag, const char* format, va_list ap) { return __vfprintf_chk(stdout, flag, format, ap); }

int __fprintf_chk(FILE* stream, int flag, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    const int n = __vfprintf_chk(stream, flag, format, ap);
    va_end(ap);
    return n;
}

int __printf_chk(int flag, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    const int n = __vfprintf_chk(stdout, flag, format, ap);
    va_end(ap);
    return n;
}

int __vdprintf_chk(int fd, int flag, const char* format, va_list ap) {
    int which;
    if (RankContext* rank = routed_fd(fd, which)) return route_format(*rank, which, format, ap);
    return LIBC(__vdprintf_chk)(fd, flag, format, ap);
}

int __dprintf_chk(int fd, int flag, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    const int n = __vdprintf_chk(fd, flag, format, ap);
    va_end(ap);
    return n;
}

// ---- strings and characters ----

int fputs(const char* text, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) {
        rank_write(*rank, which, text, std::strlen(text));
        return 1;
    }
    return LIBC(fputs)(text, stream);
}

int fputs_unlocked(const char* text, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) {
        rank_write(*rank, which, text, std::strlen(text));
        return 1;
    }
    return LIBC(fputs_unlocked)(text, stream);
}

int puts(const char* text) {
    int which;
    if (RankContext* rank = routed(stdout, which)) {
        rank_write(*rank, 0, text, std::strlen(text));
        rank_write(*rank, 0, "\n", 1);
        return 1;
    }
    return LIBC(puts)(text);
}

int fputc(int c, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) return route_char(*rank, which, c);
    return LIBC(fputc)(c, stream);
}

int putc(int c, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) return route_char(*rank, which, c);
    return LIBC(putc)(c, stream);
}

int _IO_putc(int c, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) return route_char(*rank, which, c);
    return LIBC(_IO_putc)(c, stream);
}

int fputc_unlocked(int c, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) return route_char(*rank, which, c);
    return LIBC(fputc_unlocked)(c, stream);
}

int putc_unlocked(int c, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) return route_char(*rank, which, c);
    return LIBC(putc_unlocked)(c, stream);
}

int putchar(int c) { return putc(c, stdout); }
int putchar_unlocked(int c) { return putc_unlocked(c, stdout); }

// Where glibc's inline putc_unlocked goes when the stream's buffer is full (always, when unbuffered).
int __overflow(FILE* stream, int c) {
    int which;
    if (c != EOF) {
        if (RankContext* rank = routed(stream, which)) return route_char(*rank, which, c);
    }
    return LIBC(__overflow)(stream, c);
}

std::size_t fwrite(const void* data, std::size_t size, std::size_t count, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) {
        rank_write(*rank, which, static_cast<const char*>(data), size * count);
        return count;
    }
    return LIBC(fwrite)(data, size, count, stream);
}

std::size_t fwrite_unlocked(const void* data, std::size_t size, std::size_t count, FILE* stream) {
    int which;
    if (RankContext* rank = routed(stream, which)) {
        rank_write(*rank, which, static_cast<const char*>(data), size * count);
        return count;
    }
    return LIBC(fwrite_unlocked)(data, size, count, stream);
}

int fflush(FILE* stream) {
    int which;
    if (stream && routed(stream, which)) return 0;   // nothing is buffered in the FILE: lines end at '\n'
    return LIBC(fflush)(stream);
}

void perror(const char* prefix) {
    int which;
    if (RankContext* rank = routed(stderr, which)) {
        const int error = errno;
        std::string text = prefix && *prefix ? std::string(prefix) + ": " : std::string();
        text += std::strerror(error);
        text += "\n";
        rank_write(*rank, 1, text.data(), text.size());
        errno = error;
        return;
    }
    LIBC(perror)(prefix);
}

// ---- file descriptors 1 and 2 (std::cout after sync_with_stdio(false), write(1, ...)) ----

ssize_t write(int fd, const void* data, std::size_t size) {
    int which;
    if (RankContext* rank = routed_fd(fd, which)) {
        rank_write(*rank, which, static_cast<const char*>(data), size);
        return static_cast<ssize_t>(size);
    }
    return LIBC(write)(fd, data, size);
}

ssize_t writev(int fd, const struct iovec* parts, int count) {
    int which;
    if (RankContext* rank = routed_fd(fd, which)) {
        ssize_t total = 0;
        for (int i = 0; i < count; ++i) {
            rank_write(*rank, which, static_cast<const char*>(parts[i].iov_base), parts[i].iov_len);
            total += static_cast<ssize_t>(parts[i].iov_len);
        }
        return total;
    }
    return LIBC(writev)(fd, parts, count);
}

}  // extern "C"
