// What the client (the CLI or GUI process) and mpilab-run say to each other.
//  - A run request: the run's Config (the serialisable part) and the program's argv, as JSON, sent over
//    the control socket together with the write end of a fresh result pipe (SCM_RIGHTS).
//  - On the result pipe, records, each a line "WORD ARG\n", some followed by ARG bytes:
//      pid N            the run process (written first; the client signals it to cancel)
//      progress N       calls so far (the client calls Config::progress)
//      crash ... end    a crash record (crash_record.hpp), written by the crashing rank at once
//      trace N          + N bytes of trace JSON: the run's result
//      failure N        + N bytes: the run could not start (e.g. a copy could not be loaded)
//      exit N / signal N  how the run process ended (written by the zygote after it reaped it)
#pragma once

#include "app/frontends/c/runner/crash_record.hpp"
#include "core/config.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab::c_runner {

struct RunRequest {
    Config config;                    // without cancel/progress (those stay in the client)
    bool report_progress = false;
    std::vector<std::string> argv;    // argv[0] is the program's name
};

std::string request_to_json(const RunRequest& request);
RunRequest request_from_json(std::string_view text);   // throws std::runtime_error

// Incremental reader of the result pipe: feed() what was read, then look at what arrived.
class ResultReader {
public:
    void feed(std::string_view bytes);

    std::optional<int> pid;
    std::optional<std::uint64_t> progress;    // the latest
    bool progress_changed = false;            // set by feed(); the caller clears it
    std::optional<CrashRecord> crash;
    std::optional<std::string> trace_json;
    std::optional<std::string> failure;
    std::optional<int> exit_code;
    std::optional<int> exit_signal;
    bool malformed = false;                   // bytes that are no record (a bug: reported as such)

private:
    void parse();
    std::string buffer_;
};

// Writers (the run process and the zygote). Each writes one whole record with write(2).
void write_record(int fd, std::string_view word, std::string_view argument);
void write_record_with_body(int fd, std::string_view word, std::string_view body);

}  // namespace mpilab::c_runner
