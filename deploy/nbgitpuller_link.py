"""Print the nbgitpuller link that gives each student their own copy of the course on a JupyterHub.

Usage: python deploy/nbgitpuller_link.py HUB_URL --repo REPO_URL [--branch main]
       [--folder nn-from-scratch-course] [--notebook notebooks/00_setup.ipynb]

A student who opens the link logs in to the hub, which clones the course repository into
~/<folder> (or, the second time, merges the teacher's changes into it, keeping the student's
own edits) and opens the notebook in JupyterLab. `targetpath` names the folder: without it
the copy lands in a folder named after the repository, and the notebook the link opens is
not found. The hub needs nbgitpuller in its users' environment (the course's "hub" extra).
"""

import argparse
import sys
import urllib.parse

FOLDER = "nn-from-scratch-course"
FIRST_NOTEBOOK = "notebooks/00_setup.ipynb"


def nbgitpuller_link(hub_url, repo, branch="main", folder=FOLDER, notebook=FIRST_NOTEBOOK):
    """The link, as a string. hub_url is the hub's address, such as https://hub.example.org."""
    for name, value in (("hub_url", hub_url), ("repo", repo)):
        if urllib.parse.urlsplit(value).scheme not in ("http", "https", "file") or "://" not in value:
            raise ValueError(f"{name} must be a full address starting with https:// (or http://, file://), "
                             f"not {value!r}")
    if not folder or "/" in folder or folder in (".", ".."):
        raise ValueError(f"folder must be one folder name, such as {FOLDER!r}, not {folder!r}")
    query = urllib.parse.urlencode({
        "repo": repo,
        "branch": branch,
        "targetpath": folder,
        "urlpath": f"lab/tree/{folder}/{notebook}",
    })
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub_url", help="the hub's address, such as https://hub.example.org")
    parser.add_argument("--repo", required=True, help="the course repository's address, for git clone")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--folder", default=FOLDER, help="the folder each student's copy goes into")
    parser.add_argument("--notebook", default=FIRST_NOTEBOOK, help="the notebook the link opens")
    args = parser.parse_args(argv)
    try:
        print(nbgitpuller_link(args.hub_url, args.repo, args.branch, args.folder, args.notebook))
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
