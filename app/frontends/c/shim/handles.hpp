// The C API's handles: an int whose top byte says what kind of object it names and whose low bits
// are a slot in the rank's table for that kind (mpi.h's MPILAB_HANDLE). Slot 0 is the null handle;
// slots below `first_user` are the predefined objects. A freed slot keeps a tombstone (where it was
// freed) and is never reused, so a use after free is always reported as such. (Requests, which
// programs create by the million, have a table of their own that reuses slots: requests.hpp.)
#pragma once

#include "core/location.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace mpilab::cshim {

enum class HandleKind : std::uint8_t {
    Comm = 0x10, Group = 0x11, Datatype = 0x12, Op = 0x13, Errhandler = 0x14, Request = 0x15, Info = 0x16,
    Message = 0x17, Win = 0x18, File = 0x19,
};

constexpr int make_handle(HandleKind kind, std::uint32_t index) {
    return static_cast<int>((static_cast<std::uint32_t>(kind) << 24) | index);
}
constexpr std::uint32_t handle_kind_bits(int handle) { return static_cast<std::uint32_t>(handle) >> 24; }
constexpr std::uint32_t handle_index(int handle) { return static_cast<std::uint32_t>(handle) & 0xffffffu; }

// "communicator", "datatype", ...: what a handle of this kind is called in messages.
const char* handle_kind_noun(HandleKind kind);
// What a handle value that is not of the expected kind is, for an error message.
std::string describe_foreign_handle(int handle);
inline std::string hex_handle(int handle) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(handle));
    return text;
}

// Why a lookup failed.
enum class Lookup : std::uint8_t { Live, Null, Freed, Invalid };

template <class T>
class HandleTable {
public:
    HandleTable(HandleKind kind, std::uint32_t first_user) : kind_(kind), slots_(first_user) {}

    HandleKind kind() const { return kind_; }
    // The object of a live handle, or nullptr; `why` says what is wrong otherwise.
    T* find(int handle, Lookup* why = nullptr) {
        Lookup result = Lookup::Invalid;
        T* object = nullptr;
        if (handle_kind_bits(handle) == static_cast<std::uint32_t>(kind_)) {
            const std::uint32_t index = handle_index(handle);
            if (index == 0) {
                result = Lookup::Null;
            } else if (index < slots_.size()) {
                Slot& s = slots_[index];
                if (s.object) {
                    object = s.object.get();
                    result = Lookup::Live;
                } else if (s.freed) {
                    result = Lookup::Freed;
                }
            }
        }
        if (why) *why = result;
        return object;
    }
    const Location* freed_at(int handle) const {
        const std::uint32_t index = handle_index(handle);
        return index < slots_.size() && slots_[index].freed ? &slots_[index].freed_location : nullptr;
    }
    int add(std::unique_ptr<T> object) {
        slots_.push_back(Slot{std::move(object), Location{}, false});
        return make_handle(kind_, static_cast<std::uint32_t>(slots_.size() - 1));
    }
    // Puts a predefined object in its slot.
    void set(std::uint32_t index, std::unique_ptr<T> object) {
        if (index >= slots_.size()) slots_.resize(index + 1);
        slots_[index].object = std::move(object);
    }
    // Frees a live handle: its object is destroyed and the slot remembers where.
    void free(int handle, const Location& where) {
        Slot& s = slots_[handle_index(handle)];
        s.object.reset();
        s.freed = true;
        s.freed_location = where;
    }
    // Visits every live object created by the program (not the predefined ones).
    template <class F>
    void for_each_user(std::uint32_t first_user, F&& f) {
        for (std::uint32_t i = first_user; i < slots_.size(); ++i)
            if (slots_[i].object) f(make_handle(kind_, i), *slots_[i].object);
    }

private:
    struct Slot {
        std::unique_ptr<T> object;
        Location freed_location;
        bool freed = false;
    };
    HandleKind kind_;
    std::vector<Slot> slots_;
};

}  // namespace mpilab::cshim
