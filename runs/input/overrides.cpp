// Command-line overrides of a run parameter file (runs/input/overrides.hpp).
#include "runs/input/overrides.hpp"

#include <algorithm>
#include <sstream>

#include "runs/input/input_error.hpp"
#include "runs/input/toml_reader.hpp"

namespace hebbmc::runs {

namespace {

/// `s` without leading and trailing blanks.
std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// The schema entry of `table.key` or of a bare key; `label` names the argument in messages.
const KeyInfo& address_key(std::string_view address, const std::string& label) {
  const auto dot = address.find('.');
  const std::string_view table = dot == std::string_view::npos ? "" : address.substr(0, dot);
  const std::string_view name = dot == std::string_view::npos ? address : address.substr(dot + 1);
  const std::string shown = printable(address);
  if (dot != std::string_view::npos &&
      std::find(parameter_tables.begin(), parameter_tables.end(), table) == parameter_tables.end()) {
    const std::string why = table == "sweep" ? "the [sweep] table is not changed from the command line"
                                             : "unknown table [" + printable(table) + "]";
    throw InputError(label, 0, shown,
                     why + "; --set addresses keys of [model], [dynamics], [run] and [theory] as table.key or key" +
                         spelling_hint(table, {parameter_tables.begin(), parameter_tables.end()}));
  }
  const KeyInfo* key = find_key(name);
  if (!key) throw InputError(label, 0, shown, "unknown parameter key" + spelling_hint(name));
  if (dot != std::string_view::npos && key->table != table)
    throw InputError(label, 0, shown,
                     "'" + std::string(key->name) + "' belongs in [" + std::string(key->table) + "], not [" +
                         std::string(table) + "]");
  return *key;
}

/// The TOML node of VALUE as `holder` parsed it, or a string key's bare word made a TOML string.
const toml::node& parse_value(std::string_view value, const KeyInfo& key, const std::string& label,
                              toml::table& holder) {
  const std::string name(key.name);
  if (value.find_first_of("\r\n") != std::string_view::npos)
    throw InputError(label, 0, name, "expected one value on one line");
  try {
    holder = parse_toml("value = " + std::string(value), label);
  } catch (const InputError&) {
    const bool bare_word = key.type == ValueType::string && !value.empty() && value.front() != '"' && value.front() != '\'';
    if (!bare_word)
      throw InputError(label, 0, name,
                       "expected a TOML value (" + type_name(key.type) + "), got \"" + printable(value) + "\"");
    holder = toml::table{{"value", std::string(value)}};
  }
  if (holder.size() != 1) throw InputError(label, 0, name, "expected one value, got \"" + printable(value) + "\"");
  return *holder.get("value");
}

/// Byte offset of a toml++ position (1-based line, column counted in code points).
std::size_t offset_of(std::string_view text, toml::source_position position) {
  std::size_t i = 0;
  for (toml::source_index line = 1; line < position.line && i < text.size(); ++line) {
    const auto newline = text.find('\n', i);
    i = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  for (toml::source_index column = 1; column < position.column && i < text.size(); ++column) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) ++i;  // UTF-8 continuation
  }
  return i;
}

/// TOML text of a value: as typed (the region toml++ read), so a float keeps its exact spelling; a
/// bare word (no region) printed by toml++ as a TOML string.
std::string value_text(std::string_view snippet, const toml::node& node) {
  if (!node.source().begin) {
    std::ostringstream out;
    out << *node.as_string();
    return out.str();
  }
  const std::size_t begin = offset_of(snippet, node.source().begin);
  return std::string(snippet.substr(begin, offset_of(snippet, node.source().end) - begin));
}

/// One change of the text: `length` bytes at `at` replaced by `text`.
struct Edit {
  std::size_t at, length;
  std::string text;
};

/// Where and how an override enters the text; a key whose table the file lacks goes to `appended`.
void plan_edit(std::string_view text, const toml::table& root, const Override& o, std::vector<Edit>& edits,
               std::vector<std::pair<std::string, std::string>>& appended) {
  const std::string name(o.key->name), table_name(o.key->table);
  const toml::table* table = root.get(table_name) ? root.get(table_name)->as_table() : nullptr;
  if (!table) {
    auto it = std::find_if(appended.begin(), appended.end(), [&](const auto& a) { return a.first == table_name; });
    if (it == appended.end()) it = appended.insert(appended.end(), {table_name, ""});
    it->second += name + " = " + o.text + "\n";
    return;
  }
  if (const toml::node* value = table->get(name)) {  // the file sets the key: replace its value
    const std::size_t begin = offset_of(text, value->source().begin);
    edits.push_back({begin, offset_of(text, value->source().end) - begin, o.text});
    return;
  }
  const std::size_t start = offset_of(text, table->source().begin);
  if (table->is_inline()) {  // model = { ... }: first entry
    edits.push_back({start + 1, 0, " " + name + " = " + o.text + (table->empty() ? " " : ",")});
  } else if (start < text.size() && text[start] == '[') {  // [model]: the line after the header
    const auto newline = text.find('\n', start);
    if (newline == std::string_view::npos) edits.push_back({text.size(), 0, "\n" + name + " = " + o.text + "\n"});
    else edits.push_back({newline + 1, 0, name + " = " + o.text + "\n"});
  } else {  // model.N = ... at the top level: one more dotted key, before the table's first
    edits.push_back({offset_of(text, {table->source().begin.line, 1}), 0, table_name + "." + name + " = " + o.text + "\n"});
  }
}

}  // namespace

std::vector<Override> read_overrides(const std::vector<std::string>& arguments) {
  std::vector<Override> overrides;
  for (const std::string& argument : arguments) {
    const std::string label = "--set " + printable(argument);
    const auto equals = argument.find('=');
    if (equals == std::string::npos || trim(std::string_view(argument).substr(0, equals)).empty())
      throw InputError(label, 0, printable(trim(argument.substr(0, equals))),
                       "expected KEY=VALUE, e.g. --set T=0.5 or --set dynamics.sweeps=2000");
    const KeyInfo& key = address_key(trim(std::string_view(argument).substr(0, equals)), label);
    for (const Override& earlier : overrides)
      if (earlier.key == &key)
        throw InputError(label, 0, std::string(key.name), "set twice on the command line (also by " + earlier.label + ")");
    const std::string_view value = trim(std::string_view(argument).substr(equals + 1));
    toml::table holder;
    const toml::node& node = parse_value(value, key, label, holder);
    // A copy has no source region, so the setting's line is 0 and messages name only the label.
    const toml::table copy = holder;
    overrides.push_back({label, &key, read_setting(*copy.get("value"), key, label),
                         value_text("value = " + std::string(value), node)});
  }
  return overrides;
}

std::string effective_text(std::string_view text, const toml::table& root, const std::vector<Override>& overrides) {
  std::vector<Edit> edits;
  std::vector<std::pair<std::string, std::string>> appended;
  for (const Override& o : overrides) plan_edit(text, root, o, edits, appended);
  // Applied from the end of the text back; of two inserts at one place the later goes in first,
  // so the keys keep the order of the command line.
  std::reverse(edits.begin(), edits.end());
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.at > b.at; });
  std::string out(text);
  for (const Edit& e : edits) out.replace(e.at, e.length, e.text);
  if (!appended.empty() && !out.empty() && out.back() != '\n') out += '\n';
  for (const auto& [table, lines] : appended) out += "\n[" + table + "]\n" + lines;
  return out;
}

}  // namespace hebbmc::runs
