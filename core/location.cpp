// The pool behind intern_text(): a set of strings that only grows, under its own small lock.
#include "location.hpp"

#include <mutex>
#include <string>
#include <unordered_set>

namespace mpilab {

const char* intern_text(std::string_view text) {
    static std::mutex mutex;
    static auto* pool = new std::unordered_set<std::string>();   // never freed: its pointers outlive every run
    std::lock_guard<std::mutex> lock(mutex);
    return pool->emplace(text).first->c_str();
}

}  // namespace mpilab
