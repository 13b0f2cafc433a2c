// Creating or reopening the output of a run (runs/io/run_output.hpp).
#include "runs/io/run_output.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>
#include <system_error>
#include <variant>

#include "runs/input/input_error.hpp"
#include "runs/input/output_name.hpp"
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

h5::File create_output(const RunSpec& spec, const std::string& path, bool force) {
  if (std::filesystem::exists(path) && !force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it, --resume to continue it "
                                  "(or -o to choose another name)");
  try {
    h5::File file = create_hebbmc_file(path, run_provenance(spec), "run");
    if (!spec.part_points.empty()) file.root().attr("part_points", spec.part_points);  // a part (docs/output.md)
    for (const auto& p : spec.points) require_point_group(file, p);
    write_summary_table(file, spec);
    return file;
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

// Opens the output of a killed run for `--resume` (docs/checkpoints.md). A damaged file is
// rebuilt from the checkpoints when they exist; a file from another parameter file is refused
// unless `force` or it only raises samples or sweeps (a growth, runs/io/run_growth.hpp).
h5::File open_for_resume(const RunSpec& spec, const std::string& path, bool force, const CheckpointStore& store,
                         bool quiet) {
  if (!std::filesystem::exists(path)) {
    if (!store.exists()) throw InputError(path, 0, "", "nothing to resume: the output file and its checkpoints are missing");
    if (!quiet) std::fprintf(stderr, "hebbmc: %s is missing; rebuilding it from %s\n", path.c_str(), store.directory().c_str());
    return create_output(spec, path, true);
  }
  std::string damage;
  try {
    h5::File file = h5::File::open(path, true);
    require_hebbmc_file(file);
    h5::Group root = file.root();
    if (!root.has_attr("parameter_file")) throw InputError(path, 0, "", "no root attribute parameter_file");
    // Another text without --force goes on only as a growth (raised samples or sweeps).
    std::optional<Growth> growth;
    if (root.attr_string("parameter_file") != spec.text && !force) {
      auto compared = compare_for_growth(root, spec);
      if (const auto* refusal = std::get_if<GrowthRefusal>(&compared)) throw ResumeRefused(path, 0, refusal->key, refusal->message);
      growth = std::get<Growth>(std::move(compared));
    }
    if (const auto other = created_by_other_binary(file); other && !force)
      throw ResumeRefused(path, 0, "", "was created by " + *other + ", not by this " + this_binary() +
                                           ": its points would mix the numbers of two builds; pass --force to "
                                           "continue it anyway (the root attribute `writers` then lists both)");
    if (const auto problem = other_part(file, spec)) throw ResumeRefused(path, 0, "", *problem);
    if (growth) carry_over(file, *growth, spec, store, quiet);  // before the grown points are removed below
    root.attr("parameter_file", spec.text);
    root.attr("parameter_file_name", spec.file);
    add_writer(file, "run --resume");
    h5::Group points = file.root().require_group("points");
    for (const auto& p : spec.points)
      if (!point_complete(file, p)) points.remove(point_name(p.index));  // partial or stale: redo
    for (const auto& p : spec.points) require_point_group(file, p);
    write_summary_table(file, spec);
    return file;
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

h5::File prepare_output(const RunSpec& spec, const std::string& path, const CommandOptions& options,
                        const CheckpointStore& store) {
  // The output named with -o meets the rules `check` applied to the file's own (output_name.hpp).
  if (const auto problem = output_location_problem(path)) throw InputError(path, 0, "output", *problem);
  lock_output(path);  // before anything is read, removed or truncated
  if (options.resume) return open_for_resume(spec, path, options.force, store, options.quiet);
  h5::File file = create_output(spec, path, options.force);
  store.remove_all();  // stale checkpoints of an overwritten run
  return file;
}

}  // namespace hebbmc::runs
