// Reading a crash record (the writer is the signal handler in crash_guard.cpp).
#include "app/frontends/c/runner/crash_record.hpp"

#include <sstream>

namespace mpilab::c_runner {

std::optional<CrashRecord> parse_crash_record(std::string_view text) {
    std::istringstream in{std::string(text)};
    std::string line;
    CrashRecord record;
    bool header = false, end = false;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string word;
        words >> word;
        if (word == "crash") {
            int in_call = 0, overflow = 0;
            words >> record.rank >> record.signal >> record.code >> std::hex >> record.fault_address;
            std::uintptr_t pc = 0;
            words >> pc >> std::dec >> in_call >> overflow;
            if (!words) return std::nullopt;
            record.in_mpi_call = in_call != 0;
            record.stack_overflow = overflow != 0;
            header = true;
        } else if (word == "frames") {
            std::string frame;
            while (words >> frame) {
                if (frame.size() < 2 || (frame[0] != 'p' && frame[0] != 'x')) return std::nullopt;
                CrashFrame f;
                f.in_program = frame[0] == 'p';
                try {
                    f.address = static_cast<std::uintptr_t>(std::stoull(frame.substr(1), nullptr, 16));
                } catch (const std::exception&) {
                    return std::nullopt;
                }
                record.frames.push_back(f);
            }
        } else if (word == "call") {
            words >> record.call_line;
            std::getline(words >> std::ws, record.call_file);
        } else if (word == "end") {
            end = true;
            break;
        }
    }
    if (!header || !end) return std::nullopt;
    return record;
}

}  // namespace mpilab::c_runner
