// Parsing the embedded corpus table and writing an example where the compiler can read it.
#include "app/frontends/c/examples/c_examples.hpp"

#include "app/frontends/c/cc/compile_cache.hpp"
#include "app/frontends/c/examples/embedded_examples.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace mpilab {

namespace {

constexpr std::string_view CORPUS = "tests/frontends/c/corpus/";

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return "";
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

// The opening comment (/* ... */ or // lines) as one paragraph, without the "file.c: " it starts with.
std::string opening_comment(std::string_view text, const std::string& file) {
    std::string words;
    std::istringstream lines{std::string(text)};
    std::string line;
    bool block = false;
    while (std::getline(lines, line)) {
        std::string t = trimmed(line);
        if (!block && t.starts_with("/*")) {
            block = true;
            t = t.substr(2);
        } else if (!block && t.starts_with("//")) {
            t = t.substr(2);
        } else if (block && t.starts_with("*") && !t.starts_with("*/")) {
            t = t.substr(1);
        } else if (!block) {
            break;
        }
        bool ends = false;
        if (block) {
            if (auto end = t.find("*/"); end != std::string::npos) {
                t = t.substr(0, end);
                ends = true;
            }
        }
        t = trimmed(t);
        if (!t.empty()) words += (words.empty() ? "" : " ") + t;
        if (ends) break;
    }
    if (words.starts_with(file + ": ")) words = words.substr(file.size() + 2);
    return words;
}

std::vector<CExample> parse_table() {
    std::vector<CExample> examples;
    std::istringstream table{std::string(embedded_c_example(std::string(CORPUS) + "corpus.table"))};
    std::string line;
    while (std::getline(table, line)) {
        if (line.starts_with("#") || line.find('|') == std::string::npos) continue;
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, '|');) fields.push_back(trimmed(cell));
        if (fields.size() < 7) continue;
        CExample example;
        example.file = fields[0];
        example.id = std::string(C_EXAMPLE_PREFIX) + example.file;
        example.ranks = std::stoi(fields[1]);
        std::istringstream args(fields[2]);
        for (std::string a; args >> a;) example.args.push_back(a);
        example.expect = fields[3] == "deadlock" ? OutcomeStatus::Deadlock
                         : fields[3] == "error"  ? OutcomeStatus::Error
                                                 : OutcomeStatus::Completed;
        example.title = fields[6];
        example.text = embedded_c_example(std::string(CORPUS) + example.file);
        example.summary = opening_comment(example.text, example.file);
        examples.push_back(std::move(example));
    }
    return examples;
}

}  // namespace

const std::vector<CExample>& c_examples() {
    static const std::vector<CExample> examples = parse_table();
    return examples;
}

const CExample* c_example_named(std::string_view id) {
    for (const CExample& example : c_examples())
        if (example.id == id) return &example;
    return nullptr;
}

std::string materialize_c_example(const CExample& example) {
    const fs::path folder = fs::path(c_tools::cache_folder()).parent_path() / "examples";
    std::error_code error;
    fs::create_directories(folder, error);
    const fs::path file = folder / example.file;
    std::string current;
    {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        current = text.str();
    }
    if (current != example.text) {
        // Written beside and renamed, so a concurrent mpilab never compiles half a file.
        const fs::path temporary = folder / (example.file + ".tmp");
        std::ofstream(temporary, std::ios::binary) << example.text;
        fs::rename(temporary, file, error);
        if (error)
            throw std::runtime_error("cannot write the example " + example.file + " into " + folder.string() + ": " +
                                     error.message() + " (set XDG_CACHE_HOME to a folder you can write to)");
    }
    return folder.string();
}

}  // namespace mpilab
