// hebbmc command-line entry: parses the command and options, maps errors to exit codes
// (0 success, 1 failure during work, 2 bad input detected before work starts, 130 stopped by a
// signal after checkpointing).
#include <boost/program_options.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/kernel_variant.hpp"
#include "hebbmc_version.hpp"
#include "runs/cli/commands.hpp"
#include "runs/io/hdf5_file.hpp"
#include "runs/input/data_spec.hpp"
#include "runs/input/input_error.hpp"
#include "runs/driver/mpi_session.hpp"
#include "runs/input/phase_spec.hpp"
#include "runs/input/point_selection.hpp"

namespace po = boost::program_options;
using namespace hebbmc::runs;

namespace {

constexpr const char* usage = R"(usage: hebbmc COMMAND FILE [options]

commands:
  check FILE.toml     validate a parameter file and print its sweep points
  run FILE.toml       Monte Carlo of every point; writes the HDF5 output
  theory FILE.toml    replica-symmetric values of every point into the output
  inspect FILE.h5     print the provenance and summary table of an output file
  phase FILE.toml     phase diagram (transition lines) of the storage model into HDF5
  compare FILE.h5     table of (Monte Carlo - theory) / error per point and observable
  multitask FILE.toml (d, T) phase diagrams of multitasking (diluted patterns) into HDF5
  data FILE.toml      learn classes from data (Fashion-MNIST, IDX, HDF5), classify test patterns
  merge PART.h5... -o OUT.h5  join the outputs of `run --points` (a job array) into one run file

exit codes: 0 success, 1 failure during work, 2 bad input (nothing was run), 130 stopped by a signal
)";

int check_command(const RunSpec& spec, const std::optional<std::string>& points) {
  std::printf("%s: OK, %zu point%s", spec.file.c_str(), spec.points.size(), spec.points.size() == 1 ? "" : "s");
  if (!spec.swept_keys.empty()) {
    std::printf(" (sweep over");
    for (const auto& k : spec.swept_keys) std::printf(" %s", k.c_str());
    std::printf(")");
  }
  std::printf(", output %s\n", spec.output.c_str());
  if (points) std::printf("--points %s: %zu of them\n", points->c_str(), select_points(spec, points).points.size());
  return 0;
}

/// A number of seconds >= 0 from the option, or bad input naming it.
double seconds_option(const po::variables_map& vm, const std::string& name, double fallback) {
  if (!vm.count(name)) return fallback;
  const double seconds = vm[name].as<double>();
  if (!(seconds >= 0)) throw InputError("command line", 0, name, "must be >= 0 seconds");
  return seconds;
}

/// The options of the command line, checked against the command.
CommandOptions read_options(const po::variables_map& vm, const std::string& command) {
  CommandOptions options;
  if (vm.count("output")) options.output = vm["output"].as<std::string>();
  if (vm.count("output") && options.output.empty())
    throw InputError("command line", 0, "output", "expected a file name after -o, got \"\"");
  if (vm.count("threads")) {
    options.threads = vm["threads"].as<int>();
    if (options.threads < 1) throw InputError("command line", 0, "threads", "must be >= 1");
  }
  options.quiet = vm.count("quiet") > 0;
  options.force = vm.count("force") > 0;
  options.resume = vm.count("resume") > 0;
  options.checkpoint_every = seconds_option(vm, "checkpoint-every", options.checkpoint_every);
  options.progress_every = seconds_option(vm, "progress-every", options.progress_every);
  if (vm.count("set")) options.set = vm["set"].as<std::vector<std::string>>();
  if (options.resume && command != "run") throw InputError("command line", 0, "resume", "only `run` can resume");
  if (!options.set.empty() && command != "check" && command != "run" && command != "theory")
    throw InputError("command line", 0, "set", "--set applies to check, run and theory, the commands of a run parameter file");
  if (vm.count("points")) options.points = vm["points"].as<std::string>();
  if (options.points && command != "run" && command != "check")
    throw InputError("command line", 0, "", "--points: only `run` (and `check`) take a part of the sweep");
  return options;
}

int dispatch(int argc, char** argv) {
  try {  // a bad HEBBMC_KERNELS is bad input, refused before any work
    (void)hebbmc::engine::active_variant();
  } catch (const std::invalid_argument& e) {
    throw InputError("environment", 0, "HEBBMC_KERNELS", e.what());
  }
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")("version", "print the version")(
      "output,o", po::value<std::string>(), "output HDF5 file (default: the parameter file's `output`)")(
      "threads,j", po::value<int>(), "number of OpenMP threads (default: all cores)")(
      "quiet,q", "no progress report")("force", "overwrite an existing output file (with --resume: resume a file "
                                                "written from a different parameter file)")(
      "resume", "continue a killed run: skip complete points, continue the others from their checkpoints")(
      "checkpoint-every", po::value<double>(), "seconds between checkpoints of running chains (default 300; 0: only "
                                               "when a sample finishes)")(
      "points", po::value<std::string>(), "run only these sweep points (indices as `check` counts them, e.g. "
                                          "0-9,20,30-39): one part of a job array, joined by `merge`")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "KEY=VALUE: override a key of the parameter file (check, run, theory; repeatable), e.g. --set T=0.5 "
      "--set dynamics.sweeps=2000")(
      "progress-every", po::value<double>(), "least seconds between progress lines when stderr is not a terminal "
                                             "(default 60; 0: a line per finished point)");
  po::options_description hidden;
  hidden.add_options()("command", po::value<std::string>())("file", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("command", 1).add("file", -1);  // merge takes many
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
  po::notify(vm);

  if (vm.count("version")) {
    std::printf("hebbmc %s (commit %s)\nkernels: %s (this CPU supports", hebbmc::build::version,
                hebbmc::build::git_commit, hebbmc::engine::name(hebbmc::engine::active_variant()));
    for (const auto v : hebbmc::engine::supported_variants()) std::printf(" %s", hebbmc::engine::name(v));
    std::printf("; HEBBMC_KERNELS chooses one)\n");
    return 0;
  }
  if (vm.count("help") || !vm.count("command")) {
    std::cout << usage << '\n' << opts;
    return vm.count("help") ? 0 : 2;
  }
  const std::string command = vm["command"].as<std::string>();
  if (command != "check" && command != "run" && command != "theory" && command != "inspect" && command != "phase" &&
      command != "compare" && command != "data" && command != "multitask" && command != "merge")
    throw InputError("command line", 0, "",
                     "unknown command '" + command + "' (expected check, run, theory, inspect, phase, compare, data, multitask or merge)");
  if (!vm.count("file")) throw InputError("command line", 0, "", "'" + command + "' needs a FILE argument");
  const auto files = vm["file"].as<std::vector<std::string>>();
  if (files.size() > 1 && command != "merge")
    throw InputError("command line", 0, "", "'" + command + "' takes one FILE, got " + std::to_string(files.size()));
  const std::string file = files.front();
  if (file.empty()) throw InputError("command line", 0, "", "'" + command + "' needs a FILE argument, got \"\"");
  const CommandOptions options = read_options(vm, command);
  if (command == "inspect") return inspect_command(file);
  if (command == "merge") return merge_command(files, options);
  if (command == "phase") return phase_command(file, options);
  if (command == "compare") return compare_command(file, options);
  if (command == "data") return data_command(file, options);
  if (command == "check" && is_data_file(file)) return data_check_command(file);
  if (command == "multitask") return multitask_command(file, options);
  const RunSpec spec = load_run_spec(file, options.set);
  if (spec.has_phase_table) (void)parse_phase_spec(spec.text, spec.file);  // a bad [phase] table is refused by every command
  if (command == "check") return check_command(spec, options.points);
  if (command == "run") return run_command(spec, options);
  return theory_command(spec, options);
}

// Runs the command and maps its errors to exit codes.
int run_and_report(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const InputError& e) {
    std::fprintf(stderr, "hebbmc: error: %s\n", e.what());
    return 2;
  } catch (const po::error& e) {
    std::fprintf(stderr, "hebbmc: error: command line: %s\n%s", e.what(), usage);
    return 2;
  } catch (const hebbmc::runs::h5::H5Error& e) {
    if (e.machine_fault()) {  // a full disk or an I/O error during work: exit 1
      std::fprintf(stderr, "hebbmc: failed: %s\n", e.what());
      return 1;
    }
    std::fprintf(stderr, "hebbmc: error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hebbmc: failed: %s\n", e.what());
    return 1;
  }
}

}  // namespace

/// Runs one hebbmc command; see `usage`.
int main(int argc, char** argv) {
  const hebbmc::runs::mpi::Session mpi_session(&argc, &argv);  // initialises MPI only under a launcher
  if (hebbmc::runs::mpi::rank() > 0) std::freopen("/dev/null", "w", stderr);  // rank 0 reports for all
  int code = run_and_report(argc, argv);
  if (code == 0 && hebbmc::runs::h5::fault_at_close()) code = 1;  // the output's last write failed
  if (hebbmc::runs::h5::close_failed()) {
    // A write fault left an HDF5 object that could not be closed; HDF5's exit handler would touch
    // it. What was flushed is on disk; the fault has been reported.
    std::fflush(nullptr);
    std::_Exit(code == 0 ? 1 : code);
  }
  return code;
}
