//===- ResultWire.cpp - A pre-parse's result as bytes ---------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "ResultWire.h"

#include "clang/Basic/FileManager.h"
#include "llvm/Support/Endian.h"
#include <cstring>

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

namespace {

constexpr uint32_t Magic = 0x43584446; // "CXDF"

class Writer {
public:
  void u32(uint32_t V) {
    char Bytes[4];
    llvm::support::endian::write32le(Bytes, V);
    Out.append(Bytes, 4);
  }
  void flag(bool B) { u32(B ? 1 : 0); }
  void str(llvm::StringRef S) {
    u32(S.size());
    Out.append(S.data(), S.size());
  }
  void seconds(double D) {
    uint64_t Bits;
    std::memcpy(&Bits, &D, sizeof Bits);
    u32(uint32_t(Bits));
    u32(uint32_t(Bits >> 32));
  }
  std::string Out;
};

class Reader {
public:
  explicit Reader(llvm::StringRef In) : In(In) {}

  bool u32(uint32_t &V) {
    if (In.size() < 4)
      return false;
    V = llvm::support::endian::read32le(In.data());
    In = In.drop_front(4);
    return true;
  }
  bool flag(bool &B) {
    uint32_t V;
    if (!u32(V) || V > 1)
      return false;
    B = V;
    return true;
  }
  bool str(std::string &S) {
    uint32_t Size;
    if (!u32(Size) || In.size() < Size)
      return false;
    S = In.take_front(Size).str();
    In = In.drop_front(Size);
    return true;
  }
  bool seconds(double &D) {
    uint32_t Low, High;
    if (!u32(Low) || !u32(High))
      return false;
    uint64_t Bits = uint64_t(High) << 32 | Low;
    std::memcpy(&D, &Bits, sizeof D);
    return true;
  }
  bool atEnd() const { return In.empty(); }

private:
  llvm::StringRef In;
};

} // namespace

std::string cxxdefer::plugin::encodeResult(const PreParseResult &R) {
  Writer W;
  W.u32(Magic);
  W.u32(unsigned(R.Status));
  W.str(R.Failure);
  W.str(R.ErrorText);
  W.u32(R.Files.size());
  for (const NewFileText &File : R.Files) {
    W.str(File.File.getName());
    W.flag(File.IsMainFile);
    W.str(File.Text);
    W.str(File.OriginalText);
  }
  W.u32(R.Findings.size());
  for (const PlacedFinding &F : R.Findings) {
    W.u32(unsigned(F.Id));
    W.u32(unsigned(F.Level));
    W.flag(F.IsDeferClassRemark);
    W.str(F.Message);
    W.str(F.Flag);
    W.flag(F.File.has_value());
    W.str(F.File ? F.File->getName() : "");
    W.flag(F.InMainFile);
    W.u32(F.OriginalOffset);
    W.u32(F.Offset);
  }
  const RewriteStats &S = R.Stats;
  for (unsigned N : {S.Functions, S.OpenCoded, S.StackAllocated,
                     S.HeapAllocated, S.FunctionsWithErrors})
    W.u32(N);
  const InstantiationCounts &I = R.Instantiations;
  W.flag(I.Ran);
  W.str(I.KeptAllBecause);
  W.u32(I.Pending);
  W.u32(I.LeftOut);
  W.u32(I.Reached);
  W.seconds(R.PreParseSeconds);
  W.seconds(R.RewriteSeconds);
  W.u32(Magic);
  return std::move(W.Out);
}

/// \p Name looked up in \p FM, or an error.
static OptionalFileEntryRef lookUp(FileManager &FM, llvm::StringRef Name,
                                   std::string &Error) {
  OptionalFileEntryRef File = FM.getOptionalFileRef(Name);
  if (!File)
    Error = ("the analysis named '" + Name + "', which cannot be found").str();
  return File;
}

bool cxxdefer::plugin::decodeResult(llvm::StringRef Bytes, FileManager &FM,
                                    PreParseResult &R,
                                    std::string &KeptAllBecause,
                                    std::string &Error) {
  Reader In(Bytes);
  uint32_t Word = 0;
  unsigned Status = 0, Count = 0;
  auto Malformed = [&] {
    Error = "the analysis process sent an incomplete result";
    return false;
  };
  if (!In.u32(Word) || Word != Magic || !In.u32(Status) ||
      Status > unsigned(PreParseStatus::WholeUnitNeeded) ||
      !In.str(R.Failure) || !In.str(R.ErrorText) || !In.u32(Count))
    return Malformed();
  R.Status = PreParseStatus(Status);
  for (unsigned I = 0; I != Count; ++I) {
    std::string Name, Text, Original;
    bool IsMain = false;
    if (!In.str(Name) || !In.flag(IsMain) || !In.str(Text) || !In.str(Original))
      return Malformed();
    OptionalFileEntryRef File = lookUp(FM, Name, Error);
    if (!File)
      return false;
    R.Files.push_back({*File, IsMain, std::move(Text), std::move(Original)});
  }
  if (!In.u32(Count))
    return Malformed();
  for (unsigned I = 0; I != Count; ++I) {
    unsigned Id = 0, Level = 0;
    bool IsRemark = false, HasFile = false, InMain = false;
    std::string Message, Flag, Name;
    unsigned OriginalOffset = 0, Offset = 0;
    if (!In.u32(Id) || !In.u32(Level) || !In.flag(IsRemark) ||
        !In.str(Message) || !In.str(Flag) || !In.flag(HasFile) ||
        !In.str(Name) || !In.flag(InMain) || !In.u32(OriginalOffset) ||
        !In.u32(Offset))
      return Malformed();
    PlacedFinding F{DiagId(Id),         DiagLevel(Level), IsRemark,
                    std::move(Message), std::move(Flag),  std::nullopt};
    if (HasFile && !(F.File = lookUp(FM, Name, Error)))
      return false;
    F.InMainFile = InMain;
    F.OriginalOffset = OriginalOffset;
    F.Offset = Offset;
    R.Findings.push_back(std::move(F));
  }
  RewriteStats &S = R.Stats;
  InstantiationCounts &I = R.Instantiations;
  if (!In.u32(S.Functions) || !In.u32(S.OpenCoded) ||
      !In.u32(S.StackAllocated) || !In.u32(S.HeapAllocated) ||
      !In.u32(S.FunctionsWithErrors) || !In.flag(I.Ran) ||
      !In.str(KeptAllBecause) || !In.u32(I.Pending) || !In.u32(I.LeftOut) ||
      !In.u32(I.Reached) || !In.seconds(R.PreParseSeconds) ||
      !In.seconds(R.RewriteSeconds) || !In.u32(Word) || Word != Magic ||
      !In.atEnd())
    return Malformed();
  I.KeptAllBecause = KeptAllBecause;
  return true;
}
