// Where a real run's calls were made: the return addresses the preload library recorded, resolved with
// each process's executable mappings and the debug info of the program (built with -g) by addr2line,
// once per object file for all addresses together. Without debug info a place has the function only.
#pragma once

#include "app/frontends/c/runner/symbolize.hpp"
#include "app/recorder/record_file.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mpilab::recorder {

using c_runner::SourcePlace;

class SourcePlaces {
public:
    // File names under `folder` (the folder `mpilab record` ran in) are given relative to it.
    explicit SourcePlaces(std::vector<ProcessRecord> const& processes, std::string folder);

    // `address` is a return address (or, with exact = true, the faulting instruction) of a process.
    void add(int rank, std::uint64_t address, bool exact = false);
    void resolve();
    SourcePlace place(int rank, std::uint64_t address, bool exact = false) const;

private:
    struct Key {
        std::string object;
        std::uint64_t file_address = 0;
        auto operator<=>(const Key&) const = default;
    };
    bool key_of(int rank, std::uint64_t address, bool exact, Key& key) const;
    const std::vector<ProcessRecord>& processes_;
    std::string folder_;
    std::map<std::string, bool> position_independent_;   // object -> ET_DYN
    std::map<Key, SourcePlace> places_;
};

}  // namespace mpilab::recorder
