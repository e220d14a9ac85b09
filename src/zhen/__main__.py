from zhen.cli import main

main()
