// Reading a built program's ELF headers: enough to refuse what cannot be loaded (an executable, another
// architecture, a library not built by mpilab-cc) with a useful message, to find how much of the file a
// per-rank copy needs, and to read mpilab-cc's marker section.
#include "app/frontends/c/runner/program_image.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <elf.h>
#include <fstream>
#include <sstream>

namespace mpilab::c_runner {

namespace {

#if defined(__x86_64__)
constexpr std::uint16_t HOST_MACHINE = EM_X86_64;
#elif defined(__aarch64__)
constexpr std::uint16_t HOST_MACHINE = EM_AARCH64;
#else
#error "mpilab's C front end knows the ELF machine of x86-64 and AArch64 only"
#endif

std::string how_to_build(const std::string& path) {
    return "Build it with mpilab-cc (for example `mpilab-cc -o libprogram.so program.c`), or give mpilab the C or "
           "C++ source file directly (`mpilab run program.c`).";
}

template <class T>
T read_at(const std::string& bytes, std::uint64_t offset, const std::string& path) {
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T))
        throw ProgramImageError(path + " is damaged: its ELF headers point past the end of the file. " + how_to_build(path));
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

}  // namespace

ProgramImage ProgramImage::open(const std::string& path) {
    ProgramImage image;
    image.path_ = path;
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw ProgramImageError("cannot read " + path + ": " + std::strerror(errno) + " (check the path)");
        std::ostringstream text;
        text << in.rdbuf();
        image.bytes_ = std::move(text).str();
    }
    const std::string& bytes = image.bytes_;
    if (bytes.size() < sizeof(Elf64_Ehdr) || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0)
        throw ProgramImageError(path + " is not a program mpilab can run (it is not an ELF shared object). " +
                                how_to_build(path));
    const auto header = read_at<Elf64_Ehdr>(bytes, 0, path);
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB ||
        header.e_machine != HOST_MACHINE)
        throw ProgramImageError(path + " was built for another kind of machine than this one. Rebuild it here. " +
                                how_to_build(path));
    if (header.e_type == ET_REL)
        throw ProgramImageError(path + " is an object file (from `-c`), not a linked program: link it with mpilab-cc "
                                       "(for example `mpilab-cc -o libprogram.so program.o`).");

    bool interpreter = false;
    for (std::uint16_t i = 0; i < header.e_phnum; ++i) {
        const auto ph = read_at<Elf64_Phdr>(bytes, header.e_phoff + std::uint64_t(i) * header.e_phentsize, path);
        if (ph.p_type == PT_INTERP) interpreter = true;
        if (ph.p_type == PT_TLS) image.has_tls_ = true;
        if (ph.p_type == PT_LOAD) {
            image.loadable_size_ = std::max<std::size_t>(image.loadable_size_, ph.p_offset + ph.p_filesz);
            if (ph.p_flags & PF_X) {
                image.text_begin_ = ph.p_vaddr;
                image.text_end_ = ph.p_vaddr + ph.p_memsz;
            }
        }
    }
    if (header.e_type != ET_DYN || interpreter)
        throw ProgramImageError(path + " is an executable, not a program built by mpilab-cc: mpilab loads one private "
                                       "copy of the program per rank, so it needs the shared object mpilab-cc links. " +
                                how_to_build(path));
    if (image.loadable_size_ > bytes.size() || image.loadable_size_ == 0)
        throw ProgramImageError(path + " is damaged: its loadable segments lie past the end of the file. " +
                                how_to_build(path));

    // The marker section, found by name through the section header string table.
    std::string marker_text;
    bool found = false;
    if (header.e_shoff != 0 && header.e_shstrndx < header.e_shnum) {
        const auto names = read_at<Elf64_Shdr>(bytes, header.e_shoff + std::uint64_t(header.e_shstrndx) * header.e_shentsize, path);
        for (std::uint16_t i = 0; i < header.e_shnum && !found; ++i) {
            const auto sh = read_at<Elf64_Shdr>(bytes, header.e_shoff + std::uint64_t(i) * header.e_shentsize, path);
            const std::uint64_t name_at = names.sh_offset + sh.sh_name;
            if (name_at >= bytes.size()) continue;
            const char* name = bytes.data() + name_at;
            const std::size_t room = bytes.size() - name_at;
            if (strnlen(name, room) == room || std::strcmp(name, PROGRAM_MARKER_SECTION) != 0) continue;
            if (sh.sh_offset > bytes.size() || bytes.size() - sh.sh_offset < sh.sh_size)
                throw ProgramImageError(path + " is damaged: its " + PROGRAM_MARKER_SECTION + " section is cut off. " +
                                        how_to_build(path));
            marker_text.assign(bytes.data() + sh.sh_offset, sh.sh_size);
            found = true;
        }
    }
    if (!found)
        throw ProgramImageError(path + " is a shared object, but it was not built by mpilab-cc, so mpilab cannot tell "
                                       "that it was compiled against mpilab's mpi.h. " + how_to_build(path));
    while (!marker_text.empty() && marker_text.back() == '\0') marker_text.pop_back();
    image.marker_ = marker_from_json(marker_text);
    if (image.marker_.abi != PROGRAM_ABI)
        throw ProgramImageError(path + " was built by another version of mpilab-cc (program format " +
                                std::to_string(image.marker_.abi) + "; this mpilab runs format " +
                                std::to_string(PROGRAM_ABI) + "). Rebuild it with this mpilab-cc.");
    return image;
}

std::string marker_to_json(const ProgramMarker& marker) {
    nlohmann::ordered_json json = {{"abi", marker.abi}, {"directory", marker.directory}, {"sources", marker.sources}};
    return json.dump();
}

ProgramMarker marker_from_json(std::string_view text) {
    try {
        const auto json = nlohmann::json::parse(text);
        ProgramMarker marker;
        marker.abi = json.at("abi").get<int>();
        marker.directory = json.at("directory").get<std::string>();
        marker.sources = json.at("sources").get<std::vector<std::string>>();
        return marker;
    } catch (const std::exception& e) {
        throw ProgramImageError(std::string("the program's ") + PROGRAM_MARKER_SECTION +
                                " section is not what mpilab-cc writes (" + e.what() + "): rebuild it with mpilab-cc");
    }
}

}  // namespace mpilab::c_runner
