// Replays parameter files through the check == run contract (fuzz/run_contract.hpp) with the normal
// compiler: the default test suite's stand-in for the libFuzzer target. For every file that
// `hebbmc check` accepts, the first point runs tiny through the chains and then through the whole
// of `hebbmc run` (driver and writer) into a fresh directory, as the file names its output.
// Usage: replay_contract WORK_DIR FILE_OR_DIRECTORY...   (a directory: its *.toml files, sorted)
// Prints one line per file (what was injected, what was found); aborts on the first violation,
// exits 1 when no file was accepted (a corpus that tests nothing).
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "run_contract.hpp"
#include "runs/driver/local_run.hpp"
#include "runs/input/phase_spec.hpp"
#include "runs/io/output.hpp"

using namespace hebbmc::runs;
namespace fs = std::filesystem;

namespace {

// The files named on the command line, directories expanded to their *.toml files.
std::vector<fs::path> inputs(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int a = 2; a < argc; ++a) {
    const fs::path arg = argv[a];
    if (!fs::is_directory(arg)) {
      files.push_back(fs::absolute(arg));
      continue;
    }
    std::vector<fs::path> here;
    for (const auto& entry : fs::directory_iterator(arg))
      if (entry.path().extension() == ".toml") here.push_back(fs::absolute(entry.path()));
    std::sort(here.begin(), here.end());
    files.insert(files.end(), here.begin(), here.end());
  }
  return files;
}

// Where the tiny run writes: the file's own output name in the current directory (the case's
// own), as `hebbmc run` would; an absolute name is kept to its file name, in the case directory.
fs::path output_of(const std::string& output) {
  const fs::path name(output);
  return name.is_absolute() ? name.filename() : name;
}

// `hebbmc run` of the tiny point: must exit 0 and leave the point complete in a valid file.
void run_whole(const RunSpec& spec, const PointParameters& tiny) {
  RunSpec one = spec;
  one.points = {tiny};
  const fs::path out = output_of(spec.output);
  CommandOptions options;
  options.output = out.string();
  options.threads = 1;
  options.quiet = true;
  options.force = true;
  options.checkpoint_every = 0;
  int rc = -1;
  try {
    rc = run_local(one, options);
  } catch (const std::exception& e) {
    contract::violated("check accepted, `hebbmc run` refused before work (" + out.string() + "): " + e.what());
  }
  if (rc != 0) contract::violated("check accepted, `hebbmc run` exited " + std::to_string(rc));
  try {
    const h5::File file = open_hebbmc_file(out.string(), false);
    if (!point_complete(file, tiny)) contract::violated("the tiny point is not complete in " + out.string());
  } catch (const std::exception& e) {
    contract::violated("the output of an accepted file does not reopen: " + std::string(e.what()));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: replay_contract WORK_DIR FILE_OR_DIRECTORY...\n");
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines in order with the run's warnings on stderr
  const fs::path work = fs::absolute(argv[1]);
  int accepted = 0, refused = 0;
  for (const fs::path& file : inputs(argc, argv)) {
    // Each file in a fresh directory of its own, the current directory of `check` and `run`.
    const fs::path dir = work / ("case" + std::to_string(accepted + refused));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::current_path(dir);
    RunSpec spec;
    try {  // exactly as `hebbmc check FILE` reads and validates it (file system included)
      spec = load_run_spec(file);
      if (spec.has_phase_table) (void)parse_phase_spec(spec.text, spec.file);  // as check does
    } catch (const InputError& e) {
      std::printf("%s: refused by check: %s\n", file.filename().c_str(), e.what());
      ++refused;
    }
    if (spec.points.empty()) {
      fs::current_path(work);
      fs::remove_all(dir);
      continue;
    }
    const contract::Outcome outcome = contract::apply_accepted(std::move(spec));
    run_whole(outcome.spec, outcome.ran);
    std::printf("%s: accepted, %zu points; first point ran tiny (%s) and was written: ok\n", file.filename().c_str(),
                outcome.spec.points.size(), outcome.message.c_str());
    ++accepted;
    fs::current_path(work);
    fs::remove_all(dir);
  }
  std::printf("replay_contract: %d files accepted by check and run, %d refused by check; no violation\n", accepted,
              refused);
  return accepted > 0 ? 0 : 1;
}
