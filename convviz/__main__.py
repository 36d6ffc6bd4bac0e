from convviz.cli import main

# The guard matters: training runs in a spawned process, which imports the
# main module again; without it the child would open a second window.
if __name__ == "__main__":
    raise SystemExit(main())
