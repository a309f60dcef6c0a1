# ===- test/realcode/debsource.py - Upstream tarballs from Debian's archive -===#
#
# The real code bases of the suite come from Debian source packages: the
# archive is reachable from every machine of the project (nothing else
# outside is), its index is signed, and a source package carries the
# upstream release tarball unchanged (`<name>_<version>.orig.tar.gz`), so a
# test pins the tarball's SHA-256 and does not depend on which Debian
# revision the archive serves.
#
# The machine's own apt configuration has binary sources only. Rather than
# edit /etc/apt (which needs root and changes the machine), apt gets a
# private copy of every enabled source turned into `deb-src`, and private
# list and cache directories, all below the cache directory given:
#
#   <cache>/apt/sources.list, <cache>/apt/sources.list.d/   deb-src copies
#   <cache>/apt/lists/, <cache>/apt/cache/                  apt's own state
#   <cache>/<tarball>                                       what is kept
#
# A tarball already in the cache with the right checksum is used as it is:
# apt runs only the first time (about 10 s for the index, 1 s for the file).
#
# ===----------------------------------------------------------------------===#

import glob
import hashlib
import os
import shutil
import subprocess
import tempfile


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _one_line_to_src(text):
    """Turns the `deb ...` lines of a sources.list into `deb-src ...`."""
    out = []
    for line in text.splitlines():
        words = line.split(None, 1)
        if len(words) == 2 and words[0] == "deb":
            out.append("deb-src " + words[1])
    return "\n".join(out) + ("\n" if out else "")


def _deb822_to_src(text):
    """Turns every enabled stanza with a `deb` type into a `deb-src` one."""
    stanzas = []
    for stanza in text.split("\n\n"):
        lines = [l for l in stanza.splitlines() if not l.lstrip().startswith("#")]
        fields = {}
        for line in lines:
            if ":" in line and not line[0].isspace():
                key, value = line.split(":", 1)
                fields[key.strip().lower()] = value.strip()
        if "deb" not in fields.get("types", "").split():
            continue
        if fields.get("enabled", "yes").lower() == "no":
            continue
        stanzas.append("\n".join(
            "Types: deb-src" if l.lower().startswith("types:") else l
            for l in lines))
    return "\n\n".join(stanzas) + ("\n" if stanzas else "")


def write_source_config(etc_apt, apt_dir):
    """Writes deb-src copies of the sources under etc_apt into apt_dir.

    Returns the number of source entries written.
    """
    parts = os.path.join(apt_dir, "sources.list.d")
    shutil.rmtree(parts, ignore_errors=True)
    os.makedirs(parts)
    count = 0
    main_list = os.path.join(etc_apt, "sources.list")
    text = ""
    if os.path.isfile(main_list):
        with open(main_list) as f:
            text = _one_line_to_src(f.read())
    count += text.count("deb-src ")
    with open(os.path.join(apt_dir, "sources.list"), "w") as f:
        f.write(text)
    for path in sorted(glob.glob(os.path.join(etc_apt, "sources.list.d", "*"))):
        with open(path) as f:
            original = f.read()
        if path.endswith(".list"):
            text = _one_line_to_src(original)
            count += text.count("deb-src ")
        elif path.endswith(".sources"):
            text = _deb822_to_src(original)
            count += text.count("Types: deb-src")
        else:
            continue  # .disabled, .save and the like, as apt itself does
        with open(os.path.join(parts, os.path.basename(path)), "w") as f:
            f.write(text)
    return count


def _apt_options(apt_dir):
    options = {
        "Dir::Etc::SourceList": os.path.join(apt_dir, "sources.list"),
        "Dir::Etc::SourceParts": os.path.join(apt_dir, "sources.list.d"),
        "Dir::State::Lists": os.path.join(apt_dir, "lists"),
        "Dir::Cache": os.path.join(apt_dir, "cache"),
    }
    if os.geteuid() == 0:
        # The private directories are root's; apt's download sandbox user
        # (_apt) could not write into them.
        options["APT::Sandbox::User"] = "root"
    args = []
    for key, value in options.items():
        args += ["-o", "%s=%s" % (key, value)]
    return args


class FetchError(Exception):
    pass


def fetch_orig_tarball(package, tarball, expected_sha256, cache_dir, log,
                       etc_apt="/etc/apt"):
    """Returns (path, how) of `tarball` from source package `package`.

    `how` says whether it came from the cache or from the archive. Raises
    FetchError with the reason when it cannot be had or has another
    checksum. apt's output goes to the file object `log`.
    """
    os.makedirs(cache_dir, exist_ok=True)
    target = os.path.join(cache_dir, tarball)
    if os.path.isfile(target) and sha256_of(target) == expected_sha256:
        return target, "cached"

    apt_dir = os.path.join(cache_dir, "apt")
    for sub in ("lists/partial", "cache/archives/partial"):
        os.makedirs(os.path.join(apt_dir, sub), exist_ok=True)
    if write_source_config(etc_apt, apt_dir) == 0:
        raise FetchError("no enabled `deb` source in %s to make a deb-src "
                         "source of" % etc_apt)
    apt = _apt_options(apt_dir)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive", LC_ALL="C")

    def run(args, cwd=None):
        log.write("$ %s\n" % " ".join(args))
        log.flush()
        status = subprocess.call(args, cwd=cwd, stdout=log,
                                 stderr=subprocess.STDOUT, env=env,
                                 stdin=subprocess.DEVNULL)
        if status != 0:
            raise FetchError("`%s` failed with exit status %d (see %s)"
                             % (" ".join(args[:2] + args[-2:]), status, log.name))

    run(["apt-get", "-q"] + apt + ["update"])
    download = tempfile.mkdtemp(prefix="download-", dir=cache_dir)
    try:
        run(["apt-get", "-q"] + apt + ["source", "--download-only", package],
            cwd=download)
        fetched = os.path.join(download, tarball)
        if not os.path.isfile(fetched):
            found = ", ".join(sorted(os.listdir(download))) or "nothing"
            raise FetchError("the source package %s has no %s (got %s)"
                             % (package, tarball, found))
        actual = sha256_of(fetched)
        if actual != expected_sha256:
            raise FetchError("%s has SHA-256 %s, expected %s"
                             % (tarball, actual, expected_sha256))
        os.replace(fetched, target)
    finally:
        shutil.rmtree(download, ignore_errors=True)
    return target, "downloaded"
