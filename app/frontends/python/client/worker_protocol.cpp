// Records between mpilab-python and its client (see worker_protocol.hpp).
#include "app/frontends/python/client/worker_protocol.hpp"

#include <cerrno>
#include <charconv>
#include <unistd.h>

namespace mpilab::python {

namespace {

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

bool carries_text(std::string_view word) {
    return word == "script" || word == "run" || word == "rejected" || word == "failure" || word == "trace" ||
           word == "crash";
}

bool write_record(int fd, std::string_view word, std::uint64_t number) {
    return write_all(fd, std::string(word) + " " + std::to_string(number) + "\n");
}

bool write_record(int fd, std::string_view word, std::string_view body) {
    // One write for small records, so records of two writers (a run and its worker) never interleave.
    std::string record = std::string(word) + " " + std::to_string(body.size()) + "\n";
    record.append(body);
    return write_all(fd, record);
}

std::optional<Record> RecordReader::next() {
    if (malformed_) return std::nullopt;
    const std::size_t newline = buffer_.find('\n');
    if (newline == std::string::npos) {
        if (buffer_.size() > 256) malformed_ = true;   // no header is that long
        return std::nullopt;
    }
    const std::string_view line(buffer_.data(), newline);
    const std::size_t space = line.find(' ');
    Record r;
    r.word = std::string(line.substr(0, space));
    const std::string_view digits = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), r.number);
    if (r.word.empty() || error != std::errc() || end != digits.data() + digits.size()) {
        malformed_ = true;
        return std::nullopt;
    }
    std::size_t consumed = newline + 1;
    if (carries_text(r.word)) {
        if (buffer_.size() - consumed < r.number) return std::nullopt;   // the text is still coming
        r.body = buffer_.substr(consumed, r.number);
        consumed += r.number;
    }
    buffer_.erase(0, consumed);
    return r;
}

std::optional<Record> read_record(int fd, RecordReader& reader) {
    char chunk[65536];
    for (;;) {
        if (auto record = reader.next()) return record;
        if (reader.malformed()) return std::nullopt;
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::nullopt;
        reader.feed(std::string_view(chunk, static_cast<std::size_t>(n)));
    }
}

}  // namespace mpilab::python
