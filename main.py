from coprod.app import main

main()
