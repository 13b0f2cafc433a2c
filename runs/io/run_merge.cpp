// Joining the parts of a sweep into one run file (runs/io/run_merge.hpp).
#include "runs/io/run_merge.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "runs/input/input_error.hpp"
#include "runs/input/output_name.hpp"
#include "runs/input/point_selection.hpp"
#include "runs/io/output.hpp"
#include "runs/io/output_lock.hpp"
#include "runs/io/provenance.hpp"
#include "runs/io/staged_file.hpp"
#include "runs/io/summary_table.hpp"

namespace hebbmc::runs {

namespace {

// What a merge needs of one part, read once and checked; the file itself is closed again, so a
// merge of a thousand parts does not hold a thousand files open.
struct Part {
  std::string path;                  // as given
  std::string parameter_file;        // root attribute parameter_file
  std::string parameter_file_name;   // root attribute parameter_file_name
  std::string created;               // root attribute created
  std::string binary;                // the build that wrote it ("hebbmc V (commit C)")
  std::vector<std::string> writers;  // the lines of `writers` (or the creator, in a file without it)
  std::vector<std::size_t> points;   // the sweep points it holds (root attribute part_points)
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Opens a part that read_provenance has checked (the check forks a process; once per part is enough).
h5::File reopen(const std::string& path) {
  try {
    return h5::File::open(path, false);
  } catch (const h5::H5Error& e) {
    if (e.machine_fault()) throw;
    throw InputError(path, 0, "", e.what());
  }
}

// The part's provenance; refuses a file that is not a hebbmc run output or is damaged.
Part read_provenance(const std::string& path) {
  const h5::File file = open_hebbmc_file(path, false);  // not HDF5, damaged, foreign: InputError naming it
  const h5::Group root = file.root();
  if (root.has_attr("kind"))
    throw InputError(path, 0, "", "is a hebbmc " + root.attr_string("kind") + " file, not the output of `hebbmc run`");
  if (!root.has("points") || !root.has("summary"))
    throw InputError(path, 0, "", "holds no points: the run that writes this part stopped before it began");
  if (root.has("theory_curve"))
    throw InputError(path, 0, "", "holds theory (written by `hebbmc theory`): merge the outputs of `hebbmc run` and "
                                  "run `hebbmc theory` on the merged file");
  Part part{.path = path,
            .parameter_file = root.attr_string("parameter_file"),
            .parameter_file_name = root.attr_string("parameter_file_name"),
            .created = root.attr_string("created"),
            .binary = created_by(file),
            .writers = root.has_attr("writers") ? lines(root.attr_string("writers"))
                                                : std::vector<std::string>{created_by(file) + ": created"},
            .points = {}};
  for (const std::string& line : part.writers)
    if (writer_binary(line) != part.binary)
      throw InputError(path, 0, "", "was written by two builds (" + part.binary + " and " + writer_binary(line) +
                                        ", root attribute writers): its points mix the numbers of both");
  return part;
}

// The points the part holds, each complete and of this sweep, without theory.
std::vector<std::size_t> held_points(const Part& part, const RunSpec& spec) {
  const h5::File file = reopen(part.path);
  const h5::Group root = file.root();
  std::vector<std::size_t> points(spec.points.size());
  for (std::size_t i = 0; i < points.size(); ++i) points[i] = i;
  if (root.has_attr("part_points"))
    points = parse_point_list(root.attr_string("part_points"), spec.points.size(), part.path,
                              "root attribute part_points");
  const h5::Group groups = root.open_group("points");
  for (std::size_t i : points) {
    const std::string name = point_name(spec.points[i].index);
    if (!point_complete(file, spec.points[i]))
      throw InputError(part.path, 0, "", "point " + std::to_string(i) + " (/points/" + name +
                                             ") is not complete: finish this part with `hebbmc run " + spec.file + " --points " +
                                             point_list_text(points) + " -o " + part.path + " --resume`");
    if (groups.open_group(name).has("theory"))
      throw InputError(part.path, 0, "", "point " + std::to_string(i) + " holds theory (written by `hebbmc theory`): "
                                             "merge the outputs of `hebbmc run` and run `hebbmc theory` on the merged file");
  }
  return points;
}

// The sweep all parts belong to, parsed from the first one's parameter file; refuses parts of
// another parameter file or build.
RunSpec common_sweep(const std::vector<Part>& parts, bool force) {
  const Part& first = parts.front();
  for (const Part& part : parts) {
    if (part.parameter_file != first.parameter_file)
      throw InputError(part.path, 0, "", "was written from another parameter file than " + first.path + " (" +
                                             part.parameter_file_name + " and " + first.parameter_file_name +
                                             ", root attribute parameter_file): they are parts of different sweeps");
    if (part.binary != first.binary)
      throw InputError(part.path, 0, "", "was written by " + part.binary + ", " + first.path + " by " + first.binary +
                                             ": a merged file would mix the numbers of two builds");
  }
  if (first.binary != this_binary() && !force)
    throw InputError(first.path, 0, "", "was written by " + first.binary + ", not by this " +
                                            this_binary() + ": merge with the build that ran the parts (or pass "
                                            "--force; the root attribute writers then lists both)");
  try {
    return parse_run_spec(first.parameter_file, first.parameter_file_name);
  } catch (const InputError& e) {
    throw InputError(first.path, 0, "", std::string("its parameter file (root attribute parameter_file) is refused: ") +
                                            e.what());
  }
}

// Which part holds each point of the sweep; refuses a point held twice or by none.
std::vector<std::size_t> owners(const std::vector<Part>& parts, const RunSpec& spec) {
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> owner(spec.points.size(), none);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const auto held = std::find_if(parts[k].points.begin(), parts[k].points.end(),
                                   [&](std::size_t i) { return owner[i] != none; });
    if (held != parts[k].points.end()) {  // name every point shared with the first part it overlaps
      const std::size_t other = owner[*held];
      std::vector<std::size_t> twice;
      for (std::size_t i : parts[k].points)
        if (owner[i] == other) twice.push_back(i);
      throw InputError(parts[k].path, 0, "", "holds point" + std::string(twice.size() == 1 ? " " : "s ") +
                                                 point_list_text(twice) + ", which " + parts[other].path +
                                                 " holds too: the parts overlap");
    }
    for (std::size_t i : parts[k].points) owner[i] = k;
  }
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < owner.size(); ++i)
    if (owner[i] == none) missing.push_back(i);
  if (!missing.empty())
    throw InputError(spec.file, 0, "", "point" + std::string(missing.size() == 1 ? " " : "s ") + point_list_text(missing) +
                                           " of its " + std::to_string(spec.points.size()) +
                                           " points are in none of the parts: run them with `hebbmc run " + spec.file +
                                           " --points " + point_list_text(missing) + " -o PART.h5` and merge again");
  return owner;
}

// The output: a new name, not one of the parts; nothing is created here.
void check_output(const std::vector<std::string>& parts, const std::string& output, bool force) {
  namespace fs = std::filesystem;
  if (const auto problem = output_location_problem(output)) throw InputError(output, 0, "", "cannot create the output file: " + *problem);
  std::error_code ec;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (fs::equivalent(parts[k], output, ec))
      throw InputError(output, 0, "", "is one of the parts to merge: choose another -o (merge never modifies its parts)");
    for (std::size_t j = 0; j < k; ++j)
      if (fs::equivalent(parts[j], parts[k], ec)) throw InputError(parts[k], 0, "", "is given twice");
  }
  if (fs::exists(output) && !force) throw InputError(output, 0, "", "output file exists; pass --force to overwrite it");
}

// Copies the part's points into `points`; a part that cannot be read is the part's fault.
void copy_points(const Part& part, const RunSpec& spec, h5::Group& points, const std::function<bool()>& stop,
                 bool& stopped) {
  const h5::File file = reopen(part.path);
  const h5::Group from = file.root().open_group("points");
  for (std::size_t i : part.points) {
    if (stop && stop()) {
      stopped = true;
      return;
    }
    try {
      points.copy(from, point_name(spec.points[i].index));
    } catch (const h5::H5Error& e) {
      if (e.machine_fault()) throw;
      throw InputError(part.path, 0, "", std::string("damaged hebbmc file: ") + e.what());
    }
  }
}

// Root attributes of the merged file: those of a run of the whole sweep, with the parts' writers
// and a list of the parts.
void write_merged_provenance(h5::Group& root, const std::vector<Part>& parts, const RunSpec& spec) {
  write_provenance(root, run_provenance(spec), "merge");
  std::string writers, merged;
  for (const Part& part : parts) {
    for (const std::string& line : part.writers) writers.append(line).append("\n");
    merged.append(merged.empty() ? "" : "\n").append(part.path).append(": points ").append(point_list_text(part.points));
    merged.append(" (created ").append(part.created).append(")");
  }
  root.attr("writers", writers + writer_line("merge"));
  root.attr("merged_parts", merged);
}

}  // namespace

MergeResult merge_runs(const std::vector<std::string>& paths, const std::string& output, bool force,
                       const std::function<bool()>& stop) {
  if (paths.empty()) throw InputError("command line", 0, "", "`merge` needs the part files to join");
  check_output(paths, output, force);
  lock_output(output);
  std::vector<Part> parts;
  for (const std::string& path : paths) {
    lock_output(path);  // a part that a live run still writes is refused (OutputBusy)
    parts.push_back(read_provenance(path));
  }
  const RunSpec spec = common_sweep(parts, force);
  for (Part& part : parts) part.points = held_points(part, spec);
  (void)owners(parts, spec);
  std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.points.front() < b.points.front(); });

  StagedFile staged(output);
  bool stopped = false;
  {
    h5::File file = h5::File::create(staged.path());
    h5::Group root = file.root();
    write_merged_provenance(root, parts, spec);
    h5::Group points = root.create_group("points");
    for (const Part& part : parts)
      if (!stopped) copy_points(part, spec, points, stop, stopped);
    if (stopped) return MergeResult::stopped;
    write_summary_table(file, spec);
  }  // closed (and flushed) here: a failure of the last write is reported by fault_at_close
  if (h5::fault_at_close()) throw std::runtime_error("cannot finish writing " + staged.path() + " (see above)");
  staged.commit();
  return MergeResult::written;
}

}  // namespace hebbmc::runs
