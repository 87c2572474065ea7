// What mpilab-python (the Python worker) and its client (the CLI's or GUI's process) say to each
// other over two pipes: records, each a line "WORD NUMBER\n", the words that carry text followed by
// NUMBER bytes of it.
//   client -> worker:  script N + {"path", "text"}       once, first
//                      run N + {"config", "argv", "progress"}   one run (the next waits for its end)
//   worker -> client:  ready 0 | rejected N + message (a SyntaxError) | failure N + message (no Python)
//                      per run: pid P (the run's process), progress CALLS..., trace N + trace JSON,
//                      crash N + what Python's faulthandler wrote, then exit STATUS or signal NUMBER
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpilab::python {

struct Record {
    std::string word;
    std::uint64_t number = 0;   // the value, or the length of `body` for words that carry text
    std::string body;
};

bool carries_text(std::string_view word);

// Writes one whole record (retrying short writes); false if the pipe is closed.
bool write_record(int fd, std::string_view word, std::uint64_t number);
bool write_record(int fd, std::string_view word, std::string_view body);

// Incremental reader: feed() what was read, then take complete records with next().
class RecordReader {
public:
    void feed(std::string_view bytes) { buffer_.append(bytes); }
    std::optional<Record> next();
    bool malformed() const { return malformed_; }

private:
    std::string buffer_;
    bool malformed_ = false;
};

// Blocks until a whole record arrives on `fd` (nullopt: end of file, or a malformed stream).
std::optional<Record> read_record(int fd, RecordReader& reader);

}  // namespace mpilab::python
