#pragma once
// A new output file that appears complete or not at all: it is written under a name beside the
// output (OUTPUT.partial, runs/input/output_name.hpp) and renamed onto the output only once it is
// closed and on disk, so a failure, a signal or a full disk leaves no half file under the
// output's name, and an existing output is replaced only by a finished one.
#include <string>

namespace hebbmc::runs {

/// The temporary name of one output; removes that file unless commit() moved it into place.
class StagedFile {
 public:
  explicit StagedFile(std::string output);  ///< for `output`; creates nothing
  ~StagedFile();                             ///< removes the temporary file if not committed
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  const std::string& path() const { return staged_; }  ///< where to write the file (closed before commit)
  /// Forces the closed file to disk and renames it onto the output (atomic on POSIX file systems);
  /// throws std::runtime_error (a fault of the machine) if either fails.
  void commit();

 private:
  std::string output_, staged_;
  bool committed_ = false;
};

}  // namespace hebbmc::runs
