// addr2line over the recorded addresses (see source_places.hpp).
#include "app/recorder/source_places.hpp"

#include "app/frontends/c/runner/crash_report.hpp"

#include <elf.h>
#include <fstream>

namespace mpilab::recorder {

namespace {

bool is_position_independent(const std::string& object) {
    std::ifstream in(object, std::ios::binary);
    Elf64_Ehdr header{};
    in.read(reinterpret_cast<char*>(&header), sizeof header);
    return in && header.e_type == ET_DYN;
}

}  // namespace

SourcePlaces::SourcePlaces(const std::vector<ProcessRecord>& processes, std::string folder)
    : processes_(processes), folder_(std::move(folder)) {}

bool SourcePlaces::key_of(int rank, std::uint64_t address, bool exact, Key& key) const {
    if (rank < 0 || static_cast<std::size_t>(rank) >= processes_.size() || address == 0) return false;
    // A return address points after the call instruction: its line is the call's at address - 1.
    const std::uint64_t at = exact ? address : address - 1;
    for (const Mapping& m : processes_[static_cast<std::size_t>(rank)].maps) {
        if (at < m.start || at >= m.end) continue;
        key.object = m.path;
        auto pic = position_independent_.find(m.path);
        const bool relocated = pic != position_independent_.end() ? pic->second : is_position_independent(m.path);
        key.file_address = relocated ? at - (m.start - m.offset) : at;
        return true;
    }
    return false;
}

void SourcePlaces::add(int rank, std::uint64_t address, bool exact) {
    Key key;
    if (!key_of(rank, address, exact, key)) return;
    if (!position_independent_.count(key.object)) position_independent_[key.object] = is_position_independent(key.object);
    places_.emplace(key, SourcePlace{});
}

void SourcePlaces::resolve() {
    std::map<std::string, std::vector<std::uint64_t>> by_object;
    for (const auto& [key, place] : places_) by_object[key.object].push_back(key.file_address);
    for (const auto& [object, addresses] : by_object) {
        for (std::size_t first = 0; first < addresses.size(); first += 2000) {
            std::vector<std::uintptr_t> chunk(addresses.begin() + static_cast<std::ptrdiff_t>(first),
                                              addresses.begin() + static_cast<std::ptrdiff_t>(std::min(first + 2000, addresses.size())));
            std::vector<SourcePlace> found = c_runner::symbolize(object, chunk);
            for (std::size_t i = 0; i < chunk.size() && i < found.size(); ++i) {
                SourcePlace place = found[i];
                if (place.known()) place.file = c_runner::file_as_given(place.file, folder_);
                places_[Key{object, chunk[i]}] = place;
            }
        }
    }
}

SourcePlace SourcePlaces::place(int rank, std::uint64_t address, bool exact) const {
    Key key;
    if (!key_of(rank, address, exact, key)) return {};
    auto it = places_.find(key);
    return it == places_.end() ? SourcePlace{} : it->second;
}

}  // namespace mpilab::recorder
