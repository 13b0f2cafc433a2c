#pragma once
// Command-line overrides of a run parameter file (`--set KEY=VALUE`, docs/parameters.md): the
// reading of each argument against the schema, and the effective text that records them, so the
// output's parameter text is the run that was made and `--resume` compares like with like.
#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

#include "runs/input/schema.hpp"

namespace hebbmc::runs {

/// One `--set` argument, read and typed by the schema.
struct Override {
  std::string label;         ///< "--set ARGUMENT": the source named by every message about it
  const KeyInfo* key;        ///< the parameter it sets
  Setting setting;           ///< its value by the key's type rules; line 0 (it has no line in the file)
  std::string text;          ///< the value as TOML text, written into the effective text
};

/// Reads the `--set` arguments. KEY is `table.key` or a bare key (key names are unique across the
/// tables); VALUE is one TOML value of the key's type, a bare word also being accepted for a string
/// key (rule=metropolis). A malformed argument, an unknown key, a key given twice, a key outside
/// [model], [dynamics], [run] and [theory] or a value of the wrong type is an InputError from the
/// argument's label, naming the key.
std::vector<Override> read_overrides(const std::vector<std::string>& arguments);

/// The parameter text with the overrides written in: a value is replaced where `root` (the parse of
/// `text`, already validated) sets its key; otherwise the key is added to its table, or a new
/// table is appended at the end. Comments and every other line are kept.
std::string effective_text(std::string_view text, const toml::table& root, const std::vector<Override>& overrides);

}  // namespace hebbmc::runs
