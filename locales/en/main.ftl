# Reference locale. The admin app and emails take their strings from here.
app-name = Actioneer
