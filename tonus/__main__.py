from tonus.cli.main import main

raise SystemExit(main())
