// Creating or reopening the output of a run (runs/io/run_output.hpp).
#include "runs/io/run_output.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>
#include <system_error>
#include <variant>

#include "runs/input/input_error.hpp"
#include "runs/input/output_name.hpp"
#include "runs/io/file_check.hpp"
#include "runs/io/output.hpp"
#include "runs/io/output_lock.hpp"
#include "runs/io/run_growth.hpp"
#include "runs/io/summary_table.hpp"

namespace hebbmc::runs {

namespace {

// A resume that must not go on (another parameter file, another binary): reported, never taken
// for damage that a rebuild from the checkpoints would repair.
struct ResumeRefused : InputError {
  using InputError::InputError;
};

RunOutput create_output(const RunSpec& spec, const std::string& path, bool force) {
  if (std::filesystem::exists(path) && !force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it, --resume to continue it "
                                  "(or -o to choose another name)");
  try {
    h5::File file = create_hebbmc_file(path, run_provenance(spec), "run");
    if (!spec.part_points.empty()) file.root().attr("part_points", spec.part_points);  // a part (docs/output.md)
    for (const auto& p : spec.points) require_point_group(file, p);
    write_summary_table(file, spec);
    return {std::move(file), std::vector<bool>(spec.points.size(), false)};
  } catch (const h5::H5Error& e) {
    if (e.machine_fault()) {  // a full disk is a fault of the machine (exit 1), not of the input
      std::error_code ec;
      std::filesystem::remove(path, ec);  // it holds no point yet
      std::filesystem::create_directories(CheckpointStore(path).directory(), ec);  // --resume starts it again
      throw;
    }
    throw InputError(path, 0, "output", std::string("cannot write the output file: ") + e.what());
  }
}

// The /summary table's `point` column lists the points of `spec` in order (the file is the one
// this parameter text made); false when it is missing or another shape.
bool table_matches(const h5::Group& root, const RunSpec& spec) {
  if (!root.has("summary")) return false;
  const std::vector<double> point = root.open_group("summary").read_doubles("point");
  if (point.size() != spec.points.size()) return false;
  for (std::size_t i = 0; i < point.size(); ++i)
    if (point[i] != static_cast<double>(spec.points[i].index)) return false;
  return true;
}

// Which points of a file written from the same parameter text by this binary are complete, read
// from its /summary table; only the groups of the others are opened. A partial group (a kill in
// the middle of write_point) is removed and made again; a complete group whose row was not yet
// written (a kill between the two) has its row filled. O(points) HDF5 calls only for the points
// still to do (docs/checkpoints.md, "Resume").
std::vector<bool> scan_same_run(h5::File& file, const RunSpec& spec) {
  h5::Group root = file.root();
  const std::vector<double> marked = root.open_group("summary").read_doubles("complete");
  h5::Group points = root.require_group("points");
  std::vector<bool> complete(spec.points.size(), false);
  std::vector<std::size_t> unwritten_rows;
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    const PointParameters& p = spec.points[i];
    if (marked[i] == 1) {
      complete[i] = true;
      continue;
    }
    const std::string name = point_name(p.index);
    if (points.has(name)) {
      if (points.links_in(name) == 0) continue;  // pending, exactly as require_point_group made it
      if (point_complete(file, p)) {
        complete[i] = true;
        unwritten_rows.push_back(i);
        continue;
      }
      points.remove(name);  // partial: write_point starts it again
    }
    require_point_group(file, p);
  }
  refresh_summary_rows(file, spec, unwritten_rows);
  return complete;
}

// Which points are complete in a file written from another parameter text (a growth, --force)
// or binary: every group is read (checked to CheckDepth::whole first), stale and partial ones are
// made again, and the table is rewritten.
std::vector<bool> scan_changed_run(h5::File& file, const RunSpec& spec) {
  h5::Group points = file.root().require_group("points");
  std::vector<bool> complete(spec.points.size(), false);
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    complete[i] = point_complete(file, spec.points[i]);
    if (!complete[i]) points.remove(point_name(spec.points[i].index));  // partial or stale: redo
  }
  for (const auto& p : spec.points) require_point_group(file, p);
  write_summary_table(file, spec);
  return complete;
}

// Opens the output of a killed run for `--resume` (docs/checkpoints.md). A damaged file is
// rebuilt from the checkpoints when they exist; a file from another parameter file is refused
// unless `force` or it only raises samples or sweeps (a growth, runs/io/run_growth.hpp).
RunOutput open_for_resume(const RunSpec& spec, const std::string& path, bool force, const CheckpointStore& store,
                          bool quiet) {
  if (!std::filesystem::exists(path)) {
    if (!store.exists()) throw InputError(path, 0, "", "nothing to resume: the output file and its checkpoints are missing");
    if (!quiet) std::fprintf(stderr, "hebbmc: %s is missing; rebuilding it from %s\n", path.c_str(), store.directory().c_str());
    return create_output(spec, path, true);
  }
  std::string damage;
  try {
    h5::File file = h5::File::open(path, true);
    validate_output_file(file, CheckDepth::resume);
    h5::Group root = file.root();
    if (!root.has_attr("parameter_file")) throw InputError(path, 0, "", "no root attribute parameter_file");
    const bool same_text = root.attr_string("parameter_file") == spec.text;
    const auto other = created_by_other_binary(file);
    // The usual resume reads only what the check at CheckDepth::resume read; a growth, or --force
    // with another text or build, reads every point.
    const bool same_run = same_text && !other && table_matches(root, spec);
    if (!same_run) validate_output_file(file, CheckDepth::whole);
    // Another text without --force goes on only as a growth (raised samples or sweeps).
    std::optional<Growth> growth;
    if (!same_text && !force) {
      auto compared = compare_for_growth(root, spec);
      if (const auto* refusal = std::get_if<GrowthRefusal>(&compared)) throw ResumeRefused(path, 0, refusal->key, refusal->message);
      growth = std::get<Growth>(std::move(compared));
    }
    if (other && !force)
      throw ResumeRefused(path, 0, "", "was created by " + *other + ", not by this " + this_binary() +
                                           ": its points would mix the numbers of two builds; pass --force to "
                                           "continue it anyway (the root attribute `writers` then lists both)");
    if (const auto problem = other_part(file, spec)) throw ResumeRefused(path, 0, "", *problem);
    if (growth) carry_over(file, *growth, spec, store, quiet);  // before the grown points are removed below
    root.attr("parameter_file", spec.text);
    root.attr("parameter_file_name", spec.file);
    add_writer(file, "run --resume");
    std::vector<bool> complete = same_run ? scan_same_run(file, spec) : scan_changed_run(file, spec);
    return {std::move(file), std::move(complete)};
  } catch (const ResumeRefused&) {
    throw;
  } catch (const std::system_error&) {
    throw;  // a checkpoint of a growth could not be written: a fault of the machine, not damage
  } catch (const h5::H5Error& e) {
    if (e.machine_fault()) throw;  // not damage: rebuilding would overwrite the complete points
    damage = e.what();
  } catch (const InputError& e) {
    damage = e.what();
  } catch (const std::exception& e) {
    damage = e.what();
  }
  if (!store.exists())
    throw InputError(path, 0, "", "cannot resume: the file is damaged (" + damage + ") and there are no checkpoints (" +
                                      store.directory().string() + ") to rebuild it from");
  if (!quiet)
    std::fprintf(stderr, "hebbmc: %s is damaged (%s); rebuilding it from %s\n", path.c_str(), damage.c_str(),
                 store.directory().c_str());
  return create_output(spec, path, true);
}

}  // namespace

RunOutput prepare_output(const RunSpec& spec, const std::string& path, const CommandOptions& options,
                         const CheckpointStore& store) {
  // The output named with -o meets the rules `check` applied to the file's own (output_name.hpp).
  if (const auto problem = output_location_problem(path)) throw InputError(path, 0, "output", *problem);
  lock_output(path);  // before anything is read, removed or truncated
  if (options.resume) return open_for_resume(spec, path, options.force, store, options.quiet);
  RunOutput output = create_output(spec, path, options.force);
  store.remove_all();  // stale checkpoints of an overwritten run
  return output;
}

}  // namespace hebbmc::runs
