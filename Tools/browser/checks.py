"""What the browser checks here share: running one as a script, timed, its exit status its result."""
import sys
import time


def run_check(name, main):
    """Runs `main` (returns 0 when the check holds), prints whether `name` passed and how long it took, exits with its status."""
    start = time.monotonic()
    status = main()
    print(f"{name} {'passed' if status == 0 else 'failed'} in {time.monotonic() - start:.1f}s")
    sys.exit(status)
