from dyads.cli.app import main

main()
