// Writing a user's file without ever losing its previous content: the new text goes to a temporary
// file in the same folder, which is flushed to disk and then renamed over the target. Invariant: at
// every moment the target holds either its whole old content or the whole new one; a failure (or an
// interrupt during the write) removes the temporary and leaves the old file as it was. Every writer of
// user files (the CLI's --trace, --chrome and export, the GUI's saves and screenshots) goes through here.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace mpilab {

// The file could not be written or cannot be; what() names the file and says why.
struct FileWriteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Replaces `path` with `content`, atomically. An existing regular file keeps its permissions; a symbolic
// link keeps pointing where it did and its target is replaced; a file that is not a regular one (a pipe,
// /dev/stdout, /dev/null) is written in place. `what` names the file in messages ("the trace file").
// Throws FileWriteError.
void write_file_atomically(const std::string& path, std::string_view content, std::string_view what = "the file");

// Checks, before any work is done, that write_file_atomically(path, ...) can succeed as far as can be
// known: the name is not empty, its folder exists and may be written, it is not a folder, and an existing
// file may be written. Throws FileWriteError saying what to change.
void check_writable(const std::string& path, std::string_view what = "the file");

// Whether two paths name the same existing file (through links or different spellings).
bool same_file(const std::string& a, const std::string& b);

}  // namespace mpilab
