from pgcanon.cli import main

main()
