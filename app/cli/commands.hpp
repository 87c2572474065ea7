// The commands of `mpilab`: each takes the words after the command name and returns the exit status
// (0 completed / safe / runs agree, 2 deadlock / unsafe / runs differ, 3 error). Mistakes in the words throw
// UsageError; main() turns those into status 1.
#pragma once

#include <span>
#include <string>

namespace mpilab::cli {

int command_list(std::span<const std::string> args);
int command_describe(std::span<const std::string> args);
int command_run(std::span<const std::string> args);
int command_check(std::span<const std::string> args);
int command_show(std::span<const std::string> args);
int command_export(std::span<const std::string> args);
int command_record(std::span<const std::string> args);
int command_compare(std::span<const std::string> args);

}  // namespace mpilab::cli
