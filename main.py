from coprod.app import main; main()  # noqa: E702
