// The request's JSON and the result pipe's records (see run_protocol.hpp).
#include "app/frontends/c/runner/run_protocol.hpp"

#include "core/config_json.hpp"

#include <cerrno>
#include <stdexcept>
#include <unistd.h>

namespace mpilab::c_runner {

// The run's settings travel as core/config_json writes them (one codec for every process boundary).
std::string request_to_json(const RunRequest& request) {
    const Value json = {{"config", config_to_json(request.config)},
                        {"report_progress", request.report_progress},
                        {"argv", request.argv}};
    return json.dump();
}

RunRequest request_from_json(std::string_view text) {
    try {
        const Value json = Value::parse(text);
        RunRequest request;
        request.config = config_from_json(json.at("config"));
        request.report_progress = json.at("report_progress").get<bool>();
        request.argv = json.at("argv").get<std::vector<std::string>>();
        return request;
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("malformed run request: ") + e.what());
    }
}

void ResultReader::feed(std::string_view bytes) {
    buffer_.append(bytes);
    parse();
}

void ResultReader::parse() {
    std::size_t at = 0;
    while (at < buffer_.size()) {
        const std::size_t newline = buffer_.find('\n', at);
        if (newline == std::string::npos) break;
        const std::string_view line(buffer_.data() + at, newline - at);
        const std::size_t space = line.find(' ');
        const std::string_view word = line.substr(0, space);
        const std::string_view argument = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
        std::uint64_t number = 0;
        try {
            if (word != "crash") number = std::stoull(std::string(argument));
        } catch (const std::exception&) {
            malformed = true;
            buffer_.clear();
            return;
        }
        if (word == "crash") {
            const std::size_t end = buffer_.find("\nend\n", at);
            if (end == std::string::npos) break;   // the rest of the record has not arrived yet
            crash = parse_crash_record(std::string_view(buffer_.data() + at, end + 5 - at));
            if (!crash) malformed = true;
            at = end + 5;
            continue;
        }
        if (word == "trace" || word == "failure") {
            const std::size_t body = newline + 1;
            if (buffer_.size() - body < number) break;
            std::string text = buffer_.substr(body, number);
            (word == "trace" ? trace_json : failure) = std::move(text);
            at = body + number;
            continue;
        }
        if (word == "pid") pid = static_cast<int>(number);
        else if (word == "progress") progress = number, progress_changed = true;
        else if (word == "exit") exit_code = static_cast<int>(number);
        else if (word == "signal") exit_signal = static_cast<int>(number);
        else malformed = true;
        at = newline + 1;
    }
    buffer_.erase(0, at);
}

namespace {

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;   // the reader is gone: nobody is left to tell
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

void write_record(int fd, std::string_view word, std::string_view argument) {
    std::string line;
    line.reserve(word.size() + argument.size() + 2);
    line.append(word).append(" ").append(argument).append("\n");
    write_all(fd, line);
}

void write_record_with_body(int fd, std::string_view word, std::string_view body) {
    std::string text;
    text.reserve(word.size() + body.size() + 24);
    text.append(word).append(" ").append(std::to_string(body.size())).append("\n").append(body);
    write_all(fd, text);
}

}  // namespace mpilab::c_runner
