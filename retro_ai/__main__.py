from retro_ai.cli import main

main()
