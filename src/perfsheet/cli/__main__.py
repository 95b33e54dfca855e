from perfsheet.cli import main

main()
